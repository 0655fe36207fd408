import { hostRouteParams, hostScope } from "@/lib/guests/types";
import { activateHost } from "@/lib/server/host-clusters/activate-host";
import { enterMaintenance } from "@/lib/server/host-clusters/enter-maintenance";
import { hostMaintenanceState } from "@/lib/server/host-clusters/host-maintenance-state";
import { route } from "@/lib/server/http/route";

export const GET = route(
  { permission: "host.view", params: hostRouteParams, scope: hostScope, summary: "The host's cluster and whether it is in maintenance" },
  async ({ params }) => hostMaintenanceState(params),
);

export const POST = route(
  {
    permission: "host.manage",
    params: hostRouteParams,
    scope: hostScope,
    summary: "Enter maintenance: no more placements on the host, and a job moves its running guests to other cluster members",
  },
  async ({ ctx, params }) => enterMaintenance(ctx, params),
);

export const DELETE = route(
  { permission: "host.manage", params: hostRouteParams, scope: hostScope, summary: "Activate: end the host's maintenance" },
  async ({ ctx, params }) => activateHost(ctx, params),
);
