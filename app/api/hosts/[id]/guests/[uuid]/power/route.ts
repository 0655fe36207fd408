import { guestRouteParams, guestScope, powerActionSchema } from "@/lib/guests/types";
import { powerGuest } from "@/lib/server/guests/power-guest";
import { route } from "@/lib/server/http/route";

export const POST = route(
  { permission: "guest.power", params: guestRouteParams, scope: guestScope, body: powerActionSchema },
  async ({ actor, ip, params, body }) => powerGuest(actor, ip, params.hostId, params.uuid, body.action, body.method),
);
