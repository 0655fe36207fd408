import { hostRouteParams, hostScope } from "@/lib/guests/types";
import { getPowerManagement } from "@/lib/server/ha/get-power-management";
import { setPowerManagement } from "@/lib/server/ha/set-power-management";
import { route } from "@/lib/server/http/route";
import { powerManagementSchema } from "@/lib/validations/high-availability";

export const GET = route(
  { permission: "admin", params: hostRouteParams, scope: hostScope, summary: "The host's power management (IPMI); never its password" },
  async ({ ctx, params }) => getPowerManagement(ctx, params),
);

export const PUT = route(
  {
    permission: "admin",
    params: hostRouteParams,
    scope: hostScope,
    body: powerManagementSchema,
    summary: "Set or clear the host's power management (IPMI address, port, user, write-only password)",
  },
  async ({ ctx, params, body }) => setPowerManagement(ctx, { ...params, ...body }),
);
