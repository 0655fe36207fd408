import { hostRouteParams, hostScope } from "@/lib/guests/types";
import { testPowerManagement } from "@/lib/server/ha/test-power-management";
import { route } from "@/lib/server/http/route";

export const POST = route(
  { permission: "admin", params: hostRouteParams, scope: hostScope, summary: "Ask the host's management controller for its power state" },
  async ({ ctx, params }) => testPowerManagement(ctx, params),
);
