import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { setCpu } from "@/lib/server/guests/hardware/set-cpu";
import { route } from "@/lib/server/http/route";
import { cpuSchema } from "@/lib/validations/hardware/sections";

export const PATCH = route(
  { permission: "guest.manage", params: guestRouteParams, scope: guestScope, body: cpuSchema },
  async ({ ctx, params, body }) => setCpu(ctx, { ...params, ...body }),
);
