import { hostRouteParams, hostScope } from "@/lib/guests/types";
import { route } from "@/lib/server/http/route";
import { startCustomizing } from "@/lib/server/new-guest/customize";
import { newGuestSchema } from "@/lib/validations/new-guest";

/** "Customize configuration before install": the planned guest as a draft for the hardware pages; nothing is created yet. */
export const POST = route(
  { permission: "guest.manage", params: hostRouteParams, scope: hostScope, body: newGuestSchema },
  async ({ ctx, params, body }) => startCustomizing(ctx, { ...params, ...body }),
);
