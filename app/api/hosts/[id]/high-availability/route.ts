import { hostRouteParams, hostScope } from "@/lib/guests/types";
import { hostHaState } from "@/lib/server/ha/host-ha-state";
import { route } from "@/lib/server/http/route";

export const GET = route(
  {
    permission: "host.view",
    params: hostRouteParams,
    scope: hostScope,
    summary: "The host's fencing state (lost, needs confirmation, down)",
  },
  async ({ ctx, params }) => hostHaState(ctx, params),
);
