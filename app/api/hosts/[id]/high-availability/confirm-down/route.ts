import { hostRouteParams, hostScope } from "@/lib/guests/types";
import { confirmHostDown } from "@/lib/server/ha/confirm-host-down";
import { route } from "@/lib/server/http/route";

export const POST = route(
  {
    permission: "admin",
    params: hostRouteParams,
    scope: hostScope,
    summary: "Confirm that a lost host is down: a job restarts its highly available guests on other cluster members",
  },
  async ({ ctx, params }) => confirmHostDown(ctx, params),
);
