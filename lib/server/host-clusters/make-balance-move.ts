import "server-only";
import type { JobView } from "@/lib/jobs/types";
import { migrationOptionsSchema } from "@/lib/validations/migration";
import { audited } from "../audit";
import { db } from "../db";
import { ApiError, notFound } from "../http/errors";
import { migrateGuest } from "../guests/migration/migrate-guest";
import type { VerbContext } from "../verb-context";

/**
 * Makes a balancing proposal: claims it (only an open one, once, whoever clicks first or the automatic check) and
 * live-migrates the guest as proposed through the ordinary migration (its checks, policy, progress and audit).
 * Audited as cluster.balance.move with the figures that led to it; a migration that does not start marks the
 * proposal failed with libvirt's or the check's reason.
 */
export async function makeBalanceMove(
  ctx: VerbContext,
  { clusterId, proposalId, automatic = false }: { clusterId: string; proposalId: string; automatic?: boolean },
): Promise<JobView> {
  const proposal = await db().balanceProposal.findFirst({ where: { id: proposalId, clusterId } });
  if (!proposal) throw notFound("proposal");
  const details: Record<string, unknown> = {
    guest: proposal.guestName,
    from: proposal.sourceHostId,
    to: proposal.destinationHostId,
    automatic,
    reason: JSON.parse(proposal.facts) as unknown,
  };
  return audited(ctx, { action: "cluster.balance.move", target: `guest:${proposal.guestName}`, details }, async () => {
    const claimed = await db().balanceProposal.updateMany({
      where: { id: proposalId, status: "proposed" },
      data: { status: "made", decidedBy: ctx.actor.id, decidedAt: new Date() },
    });
    if (claimed.count !== 1) throw new ApiError(409, { key: "proposalNotOpen" });
    try {
      const options = migrationOptionsSchema.parse({
        destinationHostId: proposal.destinationHostId,
        mode: "live",
        persistent: true,
        undefineSource: true,
      });
      const job = await migrateGuest(ctx, { hostId: proposal.sourceHostId, uuid: proposal.guestUuid, ...options });
      await db().balanceProposal.update({ where: { id: proposalId }, data: { jobId: job.id } });
      return job;
    } catch (err) {
      await db().balanceProposal.update({ where: { id: proposalId }, data: { status: "failed" } });
      throw err;
    }
  });
}
