import { refreshBaseline } from "@/lib/server/host-clusters/refresh-baseline";
import { route } from "@/lib/server/http/route";
import { clusterRouteParams } from "@/lib/validations/host-clusters";

export const POST = route(
  { permission: "admin", params: clusterRouteParams, summary: "Compute a host cluster's baseline CPU again with libvirt" },
  async ({ ctx, params }) => refreshBaseline(ctx, params),
);
