import "server-only";
import { db } from "../db";
import { env } from "../env";
import { hostLeases } from "../cluster/leases";
import { hostPool } from "../hosts/host-pool";
import { broadcastLive } from "../ws/broadcast-live";
import { MetricsCollector, type MetricsTick } from "./collector";
import { queryHistory, type HistoryQuery, type HistoryResult } from "./history";
import { latestTicks } from "./latest-ticks";
import { clusterLiveHistory } from "./live-points";
import { MetricsRecorder } from "./rollups";
import { processSingleton } from "../process-singleton";
import { PoolSampler } from "../forecasts/pool-sampler";

// The process-wide metrics service: one collector over the hosts this instance holds the lease of (every
// host when no leases run), through the host pool's main connections, and the recorder writing their
// rollups. server.ts starts it once; route handlers and the /ws/events relay reach the same instance.

type Service = { collector: MetricsCollector; recorder: MetricsRecorder; pools: PoolSampler; started: boolean; unrelay?: () => void };

/** Hosts this instance samples: those it holds, or all without leases (tests that drive the verbs directly). */
async function sampledHostIds(): Promise<string[]> {
  const leases = hostLeases();
  if (leases) return leases.heldIds();
  return (await db().host.findMany({ select: { id: true } })).map((h) => h.id);
}

const holds = (hostId: string) => hostLeases()?.holds(hostId) ?? true;

function service(): Service {
  return processSingleton("metrics", (): Service => {
    const config = env();
    const collector = new MetricsCollector({
      intervalMs: config.METRICS_INTERVAL_MS,
      connect: (hostId) => hostPool().get(hostId),
      hostIds: sampledHostIds,
    });
    const recorder = new MetricsRecorder(
      db(),
      collector,
      { minuteDays: config.METRICS_RETENTION_1M_DAYS, hourDays: config.METRICS_RETENTION_1H_DAYS },
      Date.now,
      holds,
    );
    const pools = new PoolSampler(db(), (hostId) => hostPool().get(hostId));
    return { collector, recorder, pools, started: false };
  });
}

/** The collector: subscribe(hostId, listener) for live points, guestPoints/hostPoints for the last hour. */
export function metricsCollector(): MetricsCollector {
  return service().collector;
}

/** Starts sampling and writing rollups; calling it again does nothing. */
export function startMetrics(): void {
  const s = service();
  if (s.started) return;
  s.started = true;
  // Each tick tells open pages on every instance that a host has new points; charts showing the live hour re-read.
  s.unrelay = s.collector.subscribeAll((tick) => {
    if (!holds(tick.hostId)) return;
    s.pools.onTick(tick.hostId, tick.t);
    broadcastLive([
      {
        event: { type: "metrics", hostId: tick.hostId, t: tick.t },
        to: { permission: "metrics.view", scope: { kind: "host", hostId: tick.hostId }, orOnItsGuests: true },
      },
    ]);
  });
  s.collector.start();
  s.recorder.start();
}

export async function stopMetrics(): Promise<void> {
  const s = service();
  s.unrelay?.();
  s.collector.stop();
  await s.recorder.stop();
  s.started = false;
}

/** A guest's or host's history over a range, at a resolution that fits a chart; the live hour from whichever instance samples the host. */
export function metricsHistory(query: HistoryQuery): Promise<HistoryResult> {
  return queryHistory(
    {
      db: db(),
      collector: clusterLiveHistory(service().collector),
      retentionMinuteDays: env().METRICS_RETENTION_1M_DAYS,
      prometheusUrl: env().PROMETHEUS_URL,
    },
    query,
  );
}

/** Every host's newest round, from whichever instance samples it (the dashboard, the Prometheus endpoint). */
export function newestMetrics(): Promise<MetricsTick[]> {
  return latestTicks(service().collector);
}
