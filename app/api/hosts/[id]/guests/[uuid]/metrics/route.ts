import { guestRouteParams, guestScope } from "@/lib/guests/types";
import { route } from "@/lib/server/http/route";
import { readMetrics } from "@/lib/server/metrics/read-metrics";
import { metricsQuerySchema } from "@/lib/validations/metrics";

/** A guest's CPU, memory, disk and network series over a range (live hour from memory, older from the rollups). */
export const GET = route(
  { permission: "metrics.view", params: guestRouteParams, scope: guestScope, query: metricsQuerySchema },
  async ({ params, query }) => readMetrics(params.hostId, params.uuid, query),
);
