import "server-only";
import type { JobView } from "@/lib/jobs/types";
import { isAdmin } from "@/lib/roles";
import { auditFailure } from "../audit";
import { db } from "../db";
import { ApiError, forbidden, notFound } from "../http/errors";
import { jobLabel } from "../jobs/job-label";
import { jobs } from "../jobs/jobs";
import type { VerbContext } from "../verb-context";
import { hostIsDown } from "./fence-host";

/**
 * An admin confirms that a host the console lost is down (powered off, unplugged): its highly available guests are
 * restarted on other members by a job, as after fencing. Only for a host that waits for confirmation and is not
 * connected now. Should the admin be wrong and the old copies still run, libvirt refuses each restart whose disk is
 * locked (QEMU's image locking; libvirt's lock manager across hosts) and the refusal is reported, not retried.
 */
export async function confirmHostDown(ctx: VerbContext, { hostId }: { hostId: string }): Promise<JobView> {
  if (!isAdmin(ctx.actor.grants)) throw forbidden();
  const host = await db().host.findUnique({ where: { id: hostId }, select: { name: true, haState: true } });
  if (!host) throw notFound("host");
  const subject = { action: "host.down" as const, target: `host:${host.name}`, details: { downBy: "confirmed" } };
  if (host.haState !== "needsConfirmation" && host.haState !== "unresponsive")
    return auditFailure(ctx, subject, new ApiError(409, { key: "hostNotAwaitingConfirmation", values: { host: host.name } }));
  const status = await db().hostState.findUnique({ where: { hostId }, select: { state: true } });
  if (status?.state === "connected")
    return auditFailure(ctx, subject, new ApiError(409, { key: "hostConnectedAgain", values: { host: host.name } }));
  return jobs().start(
    ctx.actor.id,
    "host.ha-restart",
    jobLabel("haRestart", { host: host.name }),
    (job) => hostIsDown(ctx, job, hostId, { downBy: "confirmed", confirmedBy: ctx.actor.username }),
    { target: `host:${hostId}` },
  );
}
