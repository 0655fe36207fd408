import "server-only";
import { isAdmin } from "@/lib/roles";
import { auditedTransaction } from "../audit";
import { forbidden, notFound } from "../http/errors";
import type { VerbContext } from "../verb-context";

/** Removes a quota (admins only): its subject may make guests without that limit. */
export async function deleteQuota(ctx: VerbContext, { quotaId }: { quotaId: string }): Promise<void> {
  if (!isAdmin(ctx.actor.grants)) throw forbidden();
  const details: Record<string, unknown> = {};
  let target = `quota:${quotaId}`;
  await auditedTransaction(ctx, { action: "quota.delete", target: () => target, details }, async (tx) => {
    const quota = await tx.quota.findUnique({ where: { id: quotaId } });
    if (!quota) throw notFound("quota");
    target = `quota:${quota.kind}/${quota.subject}`;
    Object.assign(details, { vcpus: quota.vcpus, memoryMiB: quota.memoryMiB, diskGiB: quota.diskGiB });
    await tx.quota.delete({ where: { id: quotaId } });
  });
}
