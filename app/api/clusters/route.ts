import { createCluster } from "@/lib/server/host-clusters/create-cluster";
import { listClusters } from "@/lib/server/host-clusters/list-clusters";
import { route } from "@/lib/server/http/route";
import { clusterSchema } from "@/lib/validations/host-clusters";

export const GET = route({ permission: "admin", summary: "Host clusters with their member count and baseline CPU model" }, async () => ({
  clusters: await listClusters(),
}));

export const POST = route(
  { permission: "admin", body: clusterSchema, summary: "Create a host cluster (no members yet)" },
  async ({ ctx, body }) => createCluster(ctx, body),
);
