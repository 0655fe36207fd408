import { hostRouteParams, hostScope } from "@/lib/guests/types";
import { restoreGuest } from "@/lib/server/guests/restore-guest";
import { route } from "@/lib/server/http/route";
import { hostPathSchema } from "@/lib/validations/guests";

export const POST = route({ permission: "guest.manage", params: hostRouteParams, scope: hostScope, body: hostPathSchema }, async ({ actor, ip, params, body }) =>
  restoreGuest(actor, ip, params.hostId, body.path),
);
