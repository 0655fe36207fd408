import "server-only";
import { auditedTransaction } from "../audit";
import { notFound } from "../http/errors";
import type { VerbContext } from "../verb-context";

/** Removes a cluster; its hosts stay, in no cluster (the guests on them are not touched). */
export async function deleteCluster(ctx: VerbContext, { clusterId }: { clusterId: string }): Promise<{ ok: true }> {
  let target = `cluster:${clusterId}`;
  const details: Record<string, unknown> = {};
  return auditedTransaction(ctx, { action: "cluster.delete", target: () => target, details }, async (tx) => {
    const row = await tx.hostCluster.findUnique({ where: { id: clusterId }, include: { hosts: { select: { name: true } } } });
    if (!row) throw notFound("cluster");
    target = `cluster:${row.name}`;
    details.hosts = row.hosts.map((h) => h.name);
    await tx.host.updateMany({ where: { clusterId }, data: { clusterId: null } });
    await tx.hostCluster.delete({ where: { id: clusterId } });
    return { ok: true };
  });
}
