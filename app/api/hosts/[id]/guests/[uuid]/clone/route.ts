import { guestRouteParams, hostScope } from "@/lib/guests/types";
import { cloneGuest } from "@/lib/server/guests/clone/clone-guest";
import { planClone } from "@/lib/server/guests/clone/plan-clone";
import { route } from "@/lib/server/http/route";
import { cloneGuestSchema } from "@/lib/validations/clone";

// A clone is a new guest on the host, so it takes the right to manage guests on the whole host.
export const GET = route({ permission: "guest.manage", params: guestRouteParams, scope: hostScope }, async ({ params }) =>
  planClone(params.hostId, params.uuid),
);

export const POST = route(
  { permission: "guest.manage", params: guestRouteParams, scope: hostScope, body: cloneGuestSchema },
  async ({ ctx, params, body }) => cloneGuest(ctx, { ...params, ...body }),
);
