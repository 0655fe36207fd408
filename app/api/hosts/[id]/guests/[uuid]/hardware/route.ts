import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { resolveHardwareTarget } from "@/lib/server/guests/hardware/hardware-target";
import { requireHardwareView } from "@/lib/server/guests/hardware/access";
import { readHardware } from "@/lib/server/guests/hardware/read-hardware";
import { route } from "@/lib/server/http/route";

export const GET = route({ permission: "guest.view", params: guestRouteParams, scope: guestScope }, async ({ actor, params }) => {
  requireHardwareView(actor.grants, params.hostId, params.uuid);
  return readHardware(await resolveHardwareTarget(params.hostId, params.uuid, actor.id));
});
