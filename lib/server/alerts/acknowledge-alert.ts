import "server-only";
import { auditedTransaction } from "../audit";
import { notFound } from "../http/errors";
import type { VerbContext } from "../verb-context";
import { canSeeAlert } from "./alert-access";
import { resolveAlert } from "./transitions";

/**
 * Someone saw an alert and deals with it: it says who and when. An alert on a failed job has nothing
 * that clears by itself, so acknowledging it resolves it.
 */
export async function acknowledgeAlert(ctx: VerbContext, { alertId }: { alertId: string }): Promise<{ ok: true }> {
  return auditedTransaction(ctx, { action: "alert.acknowledge", target: `alert:${alertId}` }, async (tx) => {
    const alert = await tx.alert.findUnique({ where: { id: alertId }, include: { rule: true } });
    if (!alert || !canSeeAlert(ctx.actor.grants, alert)) throw notFound("alert");
    await tx.alert.update({ where: { id: alertId }, data: { acknowledgedAt: new Date(), acknowledgedBy: ctx.actor.username } });
    if (alert.status === "firing" && alert.rule.target === "job.failed") await resolveAlert(tx, alert, new Date());
    return { ok: true as const };
  });
}
