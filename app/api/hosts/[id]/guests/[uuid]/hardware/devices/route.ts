import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { addDevice } from "@/lib/server/guests/hardware/add-device";
import { route } from "@/lib/server/http/route";
import { addDeviceSchema } from "@/lib/validations/hardware";

export const POST = route(
  { permission: "guest.manage", params: guestRouteParams, scope: guestScope, body: addDeviceSchema },
  async ({ ctx, params, body }) => addDevice(ctx, { ...params, ...body }),
);
