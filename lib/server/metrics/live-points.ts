import "server-only";
import { log } from "../log";
import type { AnyPoint } from "@/lib/metrics/series";
import { askPeer } from "../cluster/ask-peer";
import { hostOwner } from "../cluster/host-owner";
import { instanceId } from "../cluster/instance";
import { hostLeases } from "../cluster/leases";
import type { MetricsCollector } from "./collector";
import type { LiveHistory } from "./history";
import { livePointsSchema } from "./peer-wire";

/**
 * The live hour of any host, asked on any instance: the collector's own points for the hosts this instance
 * samples (holds the lease of), otherwise the points of the instance that does, asked over HTTP. When that
 * instance cannot be asked (it died; the new holder has no hour yet), there are no live points, and the chart
 * shows what the 1-minute rows hold.
 */
export function clusterLiveHistory(collector: MetricsCollector): LiveHistory {
  const points = async (hostId: string, uuid: string | null, from?: number, to?: number): Promise<readonly AnyPoint[]> => {
    const leases = hostLeases();
    if (!leases || leases.holds(hostId))
      return uuid ? collector.guestPoints(hostId, uuid, from, to) : collector.hostPoints(hostId, from, to);
    const owner = await hostOwner(hostId);
    if (!owner || owner.instanceId === instanceId()) return [];
    const query = new URLSearchParams({ hostId, ...(uuid ? { uuid } : {}) });
    if (from !== undefined && Number.isFinite(from)) query.set("from", String(from));
    if (to !== undefined && Number.isFinite(to)) query.set("to", String(to));
    try {
      return (await askPeer(owner.address, `/internal/metrics/live?${query}`, livePointsSchema)).points;
    } catch (err) {
      log.error(`metrics: the live hour of ${hostId} from ${owner.address}: ${(err as Error).message}`);
      return [];
    }
  };
  return {
    intervalMs: collector.intervalMs,
    liveHistoryMs: collector.liveHistoryMs,
    guestPoints: (hostId, uuid, from, to) => points(hostId, uuid, from, to),
    hostPoints: (hostId, from, to) => points(hostId, null, from, to),
  };
}
