import { hostRouteParams, hostScope } from "@/lib/guests/types";
import { route } from "@/lib/server/http/route";
import { createGuest } from "@/lib/server/new-guest/create-guest";
import { newGuestSchema } from "@/lib/validations/new-guest";

/** The new-guest wizard's "Finish": disk, definition, start; undone again if a step fails. */
export const POST = route(
  { permission: "guest.manage", params: hostRouteParams, scope: hostScope, body: newGuestSchema },
  async ({ ctx, params, body }) => createGuest(ctx, { ...params, ...body }),
);
