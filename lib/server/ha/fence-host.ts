import "server-only";
import type { HostHaDetail } from "@/lib/high-availability/types";
import { auditRow, type AuditContext } from "../audit";
import { db } from "../db";
import { hostPool } from "../hosts/host-pool";
import { jobLabel } from "../jobs/job-label";
import { jobs, type JobHandle } from "../jobs/jobs";
import { log } from "../log";
import { HA_AUDIT, setHaState } from "./ha-state";
import { bmcOf, ipmitool, powerStatus } from "./ipmitool";
import { restartHaGuests, type HaRestartReport } from "./restart-ha-guests";

export const FENCE_KIND = "host.fence";
/** How long a controller may take to report the host off after the power-off. */
const OFF_WAIT_MS = 60_000;
const OFF_POLL_MS = 1_000;

export type FenceOutcome =
  { outcome: "down"; report: HaRestartReport } | { outcome: "needsConfirmation"; detail: HostHaDetail } | { outcome: "back" };

const connected = (hostId: string) => hostPool().status(hostId)?.state === "connected";

/**
 * Starts the fence job of a host whose connection was lost for longer than its cluster's grace time, unless one
 * runs already or the host's state is decided (needs confirmation, or down). One job per host.
 */
export async function startFenceJob(hostId: string): Promise<void> {
  const host = await db().host.findUnique({ where: { id: hostId }, select: { name: true, haState: true } });
  if (!host || (host.haState !== null && host.haState !== "unresponsive")) return;
  const running = await db().job.count({ where: { kind: FENCE_KIND, target: `host:${hostId}`, status: { in: ["queued", "running"] } } });
  if (running) return;
  await setHaState(hostId, "unresponsive");
  await jobs().start("", FENCE_KIND, jobLabel("fenceHost", { host: host.name }), (job) => fenceHost(job, hostId), {
    target: `host:${hostId}`,
  });
}

/**
 * The fence job: the host counts as down only when its controller reports it off, after powering it off when the
 * cluster says so ("fence automatically"). Then its highly available guests are restarted elsewhere. Without power
 * management, with automatic fencing off, or with a controller that does not answer (or does not report off), the
 * host waits for an admin to confirm it is down: a host that merely lost its link to the console is never taken for
 * a dead one.
 */
export async function fenceHost(job: JobHandle, hostId: string): Promise<FenceOutcome> {
  const host = await db().host.findUniqueOrThrow({ where: { id: hostId }, include: { cluster: true } });
  const target = `host:${host.name}`;
  const needsConfirmation = async (detail: HostHaDetail): Promise<FenceOutcome> => {
    await setHaState(hostId, "needsConfirmation", detail);
    await auditRow(HA_AUDIT, { action: "host.fence", target, details: { ...detail, outcome: "needsConfirmation" } }, "error");
    return { outcome: "needsConfirmation", detail };
  };
  const bmc = await bmcOf(hostId);
  if (!bmc) return needsConfirmation({ reason: "noPowerManagement" });
  try {
    let power = await powerStatus(bmc);
    if (power !== "off") {
      if (!host.cluster?.haFenceAutomatically) return needsConfirmation({ reason: "fenceOff" });
      // The link may have come back while the controller was asked: then there is nothing to fence.
      if (connected(hostId)) {
        await setHaState(hostId, null);
        return { outcome: "back" };
      }
      await ipmitool(bmc, "off");
      await auditRow(HA_AUDIT, { action: "host.fence", target, details: { step: "power off", address: bmc.address } }, "ok");
      const deadline = Date.now() + OFF_WAIT_MS;
      while ((power = await powerStatus(bmc)) !== "off" && Date.now() < deadline && !job.signal.aborted)
        await new Promise((r) => setTimeout(r, OFF_POLL_MS));
      if (power !== "off") return needsConfirmation({ reason: "bmcNotOff" });
    }
  } catch (err) {
    if ((err as Error).name !== "BmcError") throw err;
    return needsConfirmation({ reason: "bmcUnanswered", message: (err as Error).message });
  }
  return hostIsDown(HA_AUDIT, job, hostId, { downBy: "fenced" });
}

/** The host is known down: recorded, then its highly available guests are restarted elsewhere, and the outcome kept. */
export async function hostIsDown(ctx: AuditContext, job: JobHandle, hostId: string, how: HostHaDetail): Promise<FenceOutcome> {
  await setHaState(hostId, "down", how);
  const host = await db().host.findUniqueOrThrow({ where: { id: hostId }, select: { name: true } });
  await auditRow(ctx, { action: "host.down", target: `host:${host.name}`, details: { ...how } }, "ok");
  const report = await restartHaGuests(ctx, hostId, job);
  await setHaState(hostId, "down", { ...how, restarted: report.restarted, notRestarted: report.notRestarted });
  if (report.notRestarted.length)
    log.warn({ host: host.name, notRestarted: report.notRestarted }, "high availability: guests not restarted");
  return { outcome: "down", report };
}
