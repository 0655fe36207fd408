import "server-only";
import { isAdmin } from "@/lib/roles";
import type { QuotaFields } from "@/lib/validations/quotas";
import { auditedTransaction } from "../audit";
import { forbidden } from "../http/errors";
import { newId } from "../ids";
import type { VerbContext } from "../verb-context";

/**
 * Sets a person's or a group's quota (admins only), replacing the one they had. A quota lower than what is already
 * made takes nothing away: it refuses the next guest until enough are deleted.
 */
export async function saveQuota(ctx: VerbContext, input: QuotaFields): Promise<{ id: string }> {
  if (!isAdmin(ctx.actor.grants)) throw forbidden();
  const { kind, subject, vcpus, memoryMiB, diskGiB } = input;
  const details: Record<string, unknown> = { vcpus, memoryMiB, diskGiB };
  return auditedTransaction(ctx, { action: "quota.save", target: `quota:${kind}/${subject}`, details }, async (tx) => {
    const before = await tx.quota.findUnique({ where: { kind_subject: { kind, subject } } });
    if (before) details.before = { vcpus: before.vcpus, memoryMiB: before.memoryMiB, diskGiB: before.diskGiB };
    const limits = { vcpus, memoryMiB, diskGiB, updatedBy: ctx.actor.username };
    const saved = await tx.quota.upsert({
      where: { kind_subject: { kind, subject } },
      create: { id: newId(), kind, subject, ...limits },
      update: limits,
    });
    return { id: saved.id };
  });
}
