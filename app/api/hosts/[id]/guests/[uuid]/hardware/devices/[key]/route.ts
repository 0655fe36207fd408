import { guestScope } from "@/lib/guests/types";
import { editDevice } from "@/lib/server/guests/hardware/edit-device";
import { removeDevice } from "@/lib/server/guests/hardware/remove-device";
import { route } from "@/lib/server/http/route";
import { editDeviceSchema } from "@/lib/validations/hardware";
import { deviceRouteParams, removeDeviceSchema } from "@/lib/validations/hardware/sections";

export const PATCH = route(
  { permission: "guest.manage", params: deviceRouteParams, scope: guestScope, body: editDeviceSchema },
  async ({ actor, ip, params, body }) => editDevice({ actor, ip, hostId: params.hostId, uuid: params.uuid }, params.key, body),
);

export const DELETE = route(
  { permission: "guest.manage", params: deviceRouteParams, scope: guestScope, body: removeDeviceSchema },
  async ({ actor, ip, params, body }) => removeDevice({ actor, ip, hostId: params.hostId, uuid: params.uuid }, params.key, body),
);
