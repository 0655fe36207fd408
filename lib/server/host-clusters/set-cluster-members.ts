import "server-only";
import type { ClusterView } from "@/lib/host-clusters/types";
import { auditedTransaction } from "../audit";
import { ApiError, notFound } from "../http/errors";
import type { VerbContext } from "../verb-context";
import { computeBaseline } from "./baseline";
import { getCluster } from "./get-cluster";

/**
 * Makes `hostIds` the cluster's members: a host added leaves the cluster it was in, a host removed is in none.
 * The baseline CPU is computed again for the new members.
 */
export async function setClusterMembers(
  ctx: VerbContext,
  { clusterId, hostIds }: { clusterId: string; hostIds: string[] },
): Promise<ClusterView> {
  let target = `cluster:${clusterId}`;
  const details: Record<string, unknown> = {};
  await auditedTransaction(ctx, { action: "cluster.members", target: () => target, details }, async (tx) => {
    const row = await tx.hostCluster.findUnique({ where: { id: clusterId }, include: { hosts: { select: { id: true, name: true } } } });
    if (!row) throw notFound("cluster");
    target = `cluster:${row.name}`;
    const wanted = await tx.host.findMany({ where: { id: { in: hostIds } }, select: { id: true, name: true, clusterId: true } });
    if (wanted.length !== new Set(hostIds).size)
      throw new ApiError(422, { key: "chosenHostMissing" }, { hostIds: { key: "chooseHostsFromList" } });
    details.before = row.hosts.map((h) => h.name).sort();
    details.after = wanted.map((h) => h.name).sort();
    const movedFrom = wanted.filter((h) => h.clusterId && h.clusterId !== clusterId).map((h) => h.name);
    if (movedFrom.length) details.leftOtherCluster = movedFrom;
    await tx.host.updateMany({ where: { clusterId, id: { notIn: hostIds } }, data: { clusterId: null } });
    await tx.host.updateMany({ where: { id: { in: hostIds } }, data: { clusterId } });
  });
  await computeBaseline(clusterId);
  return getCluster({ clusterId });
}
