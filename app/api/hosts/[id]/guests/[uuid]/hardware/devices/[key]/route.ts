import { guestScope } from "@/lib/guests/types";
import { editDevice } from "@/lib/server/guests/hardware/edit-device";
import { removeDevice } from "@/lib/server/guests/hardware/remove-device";
import { route } from "@/lib/server/http/route";
import { editDeviceSchema } from "@/lib/validations/hardware";
import { deviceRouteParams, removeDeviceSchema } from "@/lib/validations/hardware/sections";

export const PATCH = route(
  { permission: "guest.manage", params: deviceRouteParams, scope: guestScope, body: editDeviceSchema },
  async ({ ctx, params, body }) => editDevice(ctx, { ...params, ...body }),
);

export const DELETE = route(
  { permission: "guest.manage", params: deviceRouteParams, scope: guestScope, body: removeDeviceSchema },
  async ({ ctx, params, body }) => removeDevice(ctx, { ...params, ...body }),
);
