import "server-only";
import { auditedTransaction } from "../audit";
import { ApiError, notFound } from "../http/errors";
import type { VerbContext } from "../verb-context";

/** Ends a host's maintenance: placement may choose it again. Its guests do not move back by themselves. */
export async function activateHost(ctx: VerbContext, { hostId }: { hostId: string }): Promise<{ ok: true }> {
  let target = `host:${hostId}`;
  const details: Record<string, unknown> = {};
  return auditedTransaction(ctx, { action: "host.maintenance.activate", target: () => target, details }, async (tx) => {
    const row = await tx.host.findUnique({ where: { id: hostId }, select: { name: true, maintenanceSince: true } });
    if (!row) throw notFound("host");
    target = `host:${row.name}`;
    if (!row.maintenanceSince) throw new ApiError(409, { key: "notInMaintenance", values: { host: row.name } });
    details.since = row.maintenanceSince.toISOString();
    await tx.host.update({ where: { id: hostId }, data: { maintenanceSince: null } });
    return { ok: true };
  });
}
