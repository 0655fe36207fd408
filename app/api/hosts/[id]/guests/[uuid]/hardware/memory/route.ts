import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { setMemory } from "@/lib/server/guests/hardware/set-memory";
import { route } from "@/lib/server/http/route";
import { memorySchema } from "@/lib/validations/hardware/sections";

export const PATCH = route(
  { permission: "guest.manage", params: guestRouteParams, scope: guestScope, body: memorySchema },
  async ({ ctx, params, body }) => setMemory(ctx, { ...params, ...body }),
);
