import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { saveGuest } from "@/lib/server/guests/save-guest";
import { route } from "@/lib/server/http/route";
import { hostPathSchema } from "@/lib/validations/guests";

export const POST = route({ permission: "guest.manage", params: guestRouteParams, scope: guestScope, body: hostPathSchema }, async ({ actor, ip, params, body }) =>
  saveGuest(actor, ip, params.hostId, params.uuid, body.path),
);
