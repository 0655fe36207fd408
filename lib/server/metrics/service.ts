import "server-only";
import { db } from "../db";
import { env } from "../env";
import { canOnHostOrItsGuests } from "@/lib/roles";
import { hostPool } from "../hosts/host-pool";
import { eventsHub } from "../ws/events-hub";
import { MetricsCollector } from "./collector";
import { queryHistory, type HistoryQuery, type HistoryResult } from "./history";
import { MetricsRecorder } from "./rollups";
import { processSingleton } from "../process-singleton";

// The process-wide metrics service: one collector over every host through the host pool's main
// connections, and the recorder writing its rollups. server.ts starts it once; route handlers and the
// /ws/events relay reach the same instance.

type Service = { collector: MetricsCollector; recorder: MetricsRecorder; started: boolean; unrelay?: () => void };

function service(): Service {
  return processSingleton("metrics", (): Service => {
    const config = env();
    const collector = new MetricsCollector({
      intervalMs: config.METRICS_INTERVAL_MS,
      connect: (hostId) => hostPool().get(hostId),
      hostIds: async () => (await db().host.findMany({ select: { id: true } })).map((h) => h.id),
    });
    const recorder = new MetricsRecorder(db(), collector, {
      minuteDays: config.METRICS_RETENTION_1M_DAYS,
      hourDays: config.METRICS_RETENTION_1H_DAYS,
    });
    return { collector, recorder, started: false };
  });
}

/** The collector: subscribe(hostId, listener) for live points, guestPoints/hostPoints for the last hour. */
export function metricsCollector(): MetricsCollector {
  return service().collector;
}

/** Starts sampling every host and writing rollups; calling it again does nothing. */
export function startMetrics(): void {
  const s = service();
  if (s.started) return;
  s.started = true;
  // Each tick tells open pages that a host has new points; charts showing the live hour re-read.
  s.unrelay = s.collector.subscribeAll((tick) =>
    eventsHub().publish({ type: "metrics", hostId: tick.hostId, t: tick.t }, (a) =>
      canOnHostOrItsGuests(a.grants, "metrics.view", tick.hostId),
    ),
  );
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

/** A guest's or host's history over a range, at a resolution that fits a chart. */
export function metricsHistory(query: HistoryQuery): Promise<HistoryResult> {
  return queryHistory({ db: db(), collector: service().collector, retentionMinuteDays: env().METRICS_RETENTION_1M_DAYS }, query);
}
