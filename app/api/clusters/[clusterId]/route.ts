import { deleteCluster } from "@/lib/server/host-clusters/delete-cluster";
import { getCluster } from "@/lib/server/host-clusters/get-cluster";
import { updateCluster } from "@/lib/server/host-clusters/update-cluster";
import { route } from "@/lib/server/http/route";
import { clusterRouteParams, clusterSchema } from "@/lib/validations/host-clusters";

export const GET = route(
  { permission: "admin", params: clusterRouteParams, summary: "A host cluster: settings, baseline CPU, each member's fitness" },
  async ({ params }) => getCluster(params),
);

export const PUT = route(
  { permission: "admin", params: clusterRouteParams, body: clusterSchema, summary: "Change a host cluster's settings" },
  async ({ ctx, params, body }) => updateCluster(ctx, { ...params, ...body }),
);

export const DELETE = route(
  { permission: "admin", params: clusterRouteParams, summary: "Remove a host cluster (its hosts stay, in no cluster)" },
  async ({ ctx, params }) => deleteCluster(ctx, params),
);
