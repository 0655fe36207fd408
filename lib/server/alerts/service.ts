import "server-only";
import { instanceId } from "../cluster/instance";
import { db, type Db } from "../db";
import { scheduler } from "../jobs/scheduler";
import { deliverNotifications } from "./deliver";
import { evaluateAlerts } from "./evaluate";

/** Rules are evaluated this often, on one instance at a time (the scheduler claims each run once). */
export const ALERTS_EVERY_MS = 30_000;
export const ALERTS_KIND = "alerts.evaluate";

/** One scheduled round: alerts fire and resolve, then the notifications due are sent (each claimed once). */
export async function alertsRound(database: Db = db(), instance = instanceId(), now = Date.now()) {
  const evaluation = await evaluateAlerts(database, now);
  const delivery = await deliverNotifications(database, instance, now);
  return { ...evaluation, ...delivery };
}

/** Called once at start (server.ts), after the job service: every instance may run the round; each slot runs on one. */
export async function startAlerts(): Promise<void> {
  const s = scheduler();
  s.handle(ALERTS_KIND, () => alertsRound());
  await s.schedule(ALERTS_KIND, { everyMs: ALERTS_EVERY_MS }, null, {
    key: ALERTS_KIND,
    label: "Evaluating alert rules and sending notifications",
  });
}
