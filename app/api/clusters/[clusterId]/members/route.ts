import { setClusterMembers } from "@/lib/server/host-clusters/set-cluster-members";
import { route } from "@/lib/server/http/route";
import { clusterMembersSchema, clusterRouteParams } from "@/lib/validations/host-clusters";

export const PUT = route(
  {
    permission: "admin",
    params: clusterRouteParams,
    body: clusterMembersSchema,
    summary: "Set a host cluster's members (a host leaves its other cluster); the baseline CPU is computed again",
  },
  async ({ ctx, params, body }) => setClusterMembers(ctx, { ...params, ...body }),
);
