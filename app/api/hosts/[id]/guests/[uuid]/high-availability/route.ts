import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { guestHa } from "@/lib/server/ha/guest-ha";
import { markGuestHa } from "@/lib/server/ha/mark-guest-ha";
import { route } from "@/lib/server/http/route";
import { guestHaSchema } from "@/lib/validations/high-availability";

export const GET = route(
  { permission: "guest.view", params: guestRouteParams, scope: guestScope, summary: "Whether the guest is highly available" },
  async ({ ctx, params }) => guestHa(ctx, params),
);

export const PUT = route(
  {
    permission: "guest.manage",
    params: guestRouteParams,
    scope: guestScope,
    body: guestHaSchema,
    summary: "Mark the guest highly available (restarted on another cluster member when its host is known down), or not",
  },
  async ({ ctx, params, body }) => markGuestHa(ctx, { ...params, ...body }),
);
