import { guestScope } from "@/lib/guests/types";
import { resizeDisk } from "@/lib/server/guests/hardware/resize-disk";
import { route } from "@/lib/server/http/route";
import { deviceRouteParams, resizeDiskSchema } from "@/lib/validations/hardware/sections";

export const POST = route(
  { permission: "guest.manage", params: deviceRouteParams, scope: guestScope, body: resizeDiskSchema },
  async ({ ctx, params, body }) => resizeDisk(ctx, { ...params, ...body }),
);
