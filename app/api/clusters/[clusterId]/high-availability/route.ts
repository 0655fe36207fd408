import { getClusterHa } from "@/lib/server/ha/get-cluster-ha";
import { setClusterHa } from "@/lib/server/ha/set-cluster-ha";
import { route } from "@/lib/server/http/route";
import { clusterRouteParams } from "@/lib/validations/host-clusters";
import { clusterHaSchema } from "@/lib/validations/high-availability";

export const GET = route(
  { permission: "admin", params: clusterRouteParams, summary: "The cluster's rules for highly available guests" },
  async ({ ctx, params }) => getClusterHa(ctx, params),
);

export const PUT = route(
  {
    permission: "admin",
    params: clusterRouteParams,
    body: clusterHaSchema,
    summary: "Set the grace time of a lost member and whether the console fences it by itself",
  },
  async ({ ctx, params, body }) => setClusterHa(ctx, { ...params, ...body }),
);
