import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { setGeneral } from "@/lib/server/guests/hardware/set-general";
import { route } from "@/lib/server/http/route";
import { generalSchema } from "@/lib/validations/hardware/sections";

export const PATCH = route(
  { permission: "guest.manage", params: guestRouteParams, scope: guestScope, body: generalSchema },
  async ({ ctx, params, body }) => setGeneral(ctx, { ...params, ...body }),
);
