import "server-only";
import { auditedTransaction } from "../audit";
import { notFound } from "../http/errors";
import type { VerbContext } from "../verb-context";
import { canSeeAlert } from "./alert-access";

/** No notifications about an alert for a time (it still shows, marked silenced); 0 minutes ends a silence. */
export async function silenceAlert(
  ctx: VerbContext,
  { alertId, minutes }: { alertId: string; minutes: number },
): Promise<{ silencedUntil: string | null }> {
  return auditedTransaction(ctx, { action: "alert.silence", target: `alert:${alertId}`, details: { minutes } }, async (tx) => {
    const alert = await tx.alert.findUnique({ where: { id: alertId } });
    if (!alert || !canSeeAlert(ctx.actor.grants, alert)) throw notFound("alert");
    const until = minutes > 0 ? new Date(Date.now() + minutes * 60_000) : null;
    await tx.alert.update({ where: { id: alertId }, data: { silencedUntil: until } });
    return { silencedUntil: until?.toISOString() ?? null };
  });
}
