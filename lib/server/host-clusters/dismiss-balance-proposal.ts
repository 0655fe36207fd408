import "server-only";
import { auditedTransaction } from "../audit";
import { ApiError, notFound } from "../http/errors";
import type { VerbContext } from "../verb-context";

/** Dismisses an open balancing proposal; the next check may propose again if the member stays busy. */
export async function dismissBalanceProposal(
  ctx: VerbContext,
  { clusterId, proposalId }: { clusterId: string; proposalId: string },
): Promise<{ ok: true }> {
  let target = `proposal:${proposalId}`;
  return auditedTransaction(ctx, { action: "cluster.balance.dismiss", target: () => target }, async (tx) => {
    const proposal = await tx.balanceProposal.findFirst({ where: { id: proposalId, clusterId } });
    if (!proposal) throw notFound("proposal");
    target = `guest:${proposal.guestName}`;
    const dismissed = await tx.balanceProposal.updateMany({
      where: { id: proposalId, status: "proposed" },
      data: { status: "dismissed", decidedBy: ctx.actor.id, decidedAt: new Date() },
    });
    if (dismissed.count !== 1) throw new ApiError(409, { key: "proposalNotOpen" });
    return { ok: true };
  });
}
