import { hostRouteParams, hostScope } from "@/lib/guests/types";
import { route } from "@/lib/server/http/route";
import { readMetrics } from "@/lib/server/metrics/read-metrics";
import { metricsQuerySchema } from "@/lib/validations/metrics";

/** The host's own CPU and memory series over a range. */
export const GET = route(
  { permission: "metrics.view", params: hostRouteParams, scope: hostScope, query: metricsQuerySchema },
  async ({ params, query }) => readMetrics(params.hostId, null, query),
);
