import "server-only";
import { log } from "../log";
import { askPeer } from "../cluster/ask-peer";
import { instanceId, liveInstances } from "../cluster/instance";
import { hostLeases } from "../cluster/leases";
import type { MetricsCollector, MetricsTick } from "./collector";
import { latestTicksSchema } from "./peer-wire";

/** The newest round of the hosts this instance samples (what /internal/metrics/latest answers). */
export function ownLatestTicks(collector: MetricsCollector): MetricsTick[] {
  const leases = hostLeases();
  return collector.latest().filter((tick) => !leases || leases.holds(tick.hostId));
}

/**
 * Every host's newest round, wherever it is sampled: this instance's own, and those of every other live
 * instance asked over HTTP (an instance that does not answer in time leaves its hosts without numbers).
 */
export async function latestTicks(collector: MetricsCollector): Promise<MetricsTick[]> {
  const others = (await liveInstances()).filter((i) => i.id !== instanceId() && i.address && !i.stoppingAt);
  const remote = await Promise.all(
    others.map((i) =>
      askPeer(i.address, "/internal/metrics/latest", latestTicksSchema, { timeoutMs: 1_500 }).then(
        (r) => r.ticks,
        (err: Error) => {
          log.error(`metrics: the newest points of ${i.address}: ${err.message}`);
          return [];
        },
      ),
    ),
  );
  const newest = new Map<string, MetricsTick>();
  for (const tick of [...ownLatestTicks(collector), ...remote.flat()]) {
    const seen = newest.get(tick.hostId);
    if (!seen || seen.t < tick.t) newest.set(tick.hostId, tick);
  }
  return [...newest.values()];
}
