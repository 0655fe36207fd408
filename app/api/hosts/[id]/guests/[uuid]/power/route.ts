import { guestRouteParams, guestScope, powerActionSchema } from "@/lib/guests/types";
import { powerGuest } from "@/lib/server/guests/power-guest";
import { route } from "@/lib/server/http/route";

export const POST = route(
  { permission: "guest.power", params: guestRouteParams, scope: guestScope, body: powerActionSchema },
  async ({ ctx, params, body }) => powerGuest(ctx, { ...params, ...body }),
);
