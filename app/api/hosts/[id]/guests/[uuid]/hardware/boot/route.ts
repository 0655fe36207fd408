import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { setBoot } from "@/lib/server/guests/hardware/set-boot";
import { route } from "@/lib/server/http/route";
import { bootSchema } from "@/lib/validations/hardware/sections";

export const PATCH = route(
  { permission: "guest.manage", params: guestRouteParams, scope: guestScope, body: bootSchema },
  async ({ ctx, params, body }) => setBoot(ctx, { ...params, ...body }),
);
