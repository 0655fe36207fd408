import "server-only";
import { clusterSchema, type ClusterInput } from "@/lib/validations/host-clusters";
import { auditedTransaction } from "../audit";
import { ApiError, notFound } from "../http/errors";
import type { VerbContext } from "../verb-context";
import { rowData, settingsOf } from "./cluster-view";

/** Changes a cluster's name, description, policy, required networks and pools, rules and limits. */
export async function updateCluster(
  ctx: VerbContext,
  { clusterId, ...input }: { clusterId: string } & ClusterInput,
): Promise<{ ok: true }> {
  const settings = clusterSchema.parse(input);
  const details: Record<string, unknown> = { after: settings };
  let target = `cluster:${settings.name}`;
  return auditedTransaction(ctx, { action: "cluster.update", target: () => target, details }, async (tx) => {
    const row = await tx.hostCluster.findUnique({ where: { id: clusterId } });
    if (!row) throw notFound("cluster");
    target = `cluster:${row.name}`;
    details.before = settingsOf(row);
    const clash = await tx.hostCluster.findUnique({ where: { name: settings.name } });
    if (clash && clash.id !== clusterId) throw new ApiError(409, { key: "clusterExists" }, { name: { key: "chooseAnotherName" } });
    await tx.hostCluster.update({ where: { id: clusterId }, data: rowData(settings, ctx.actor.id) });
    return { ok: true };
  });
}
