import "server-only";
import type { MetricsQuery } from "@/lib/validations/metrics";
import { metricsHistory } from "./service";
import type { HistoryResult } from "./history";

/** A guest's series (uuid) or the host's own (uuid null) for a chart, over the range the picker chose. */
export function readMetrics(hostId: string, uuid: string | null, query: MetricsQuery): Promise<HistoryResult> {
  const range = query.range === "custom" ? { from: query.from!, to: query.to! } : query.range;
  return metricsHistory({ hostId, guestUuid: uuid, range, maxPoints: query.points });
}
