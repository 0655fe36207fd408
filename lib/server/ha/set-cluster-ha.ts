import "server-only";
import { isAdmin } from "@/lib/roles";
import { clusterHaSchema, type ClusterHaSettings } from "@/lib/validations/high-availability";
import { auditedTransaction } from "../audit";
import { forbidden, notFound } from "../http/errors";
import type { VerbContext } from "../verb-context";

/** A cluster's rules for highly available guests: the grace time of a lost member, and whether the console fences by itself. */
export async function setClusterHa(
  ctx: VerbContext,
  { clusterId, ...input }: { clusterId: string } & ClusterHaSettings,
): Promise<ClusterHaSettings> {
  if (!isAdmin(ctx.actor.grants)) throw forbidden();
  const after = clusterHaSchema.parse(input);
  const details: Record<string, unknown> = { after };
  let target = `cluster:${clusterId}`;
  await auditedTransaction(ctx, { action: "cluster.ha", target: () => target, details }, async (tx) => {
    const row = await tx.hostCluster.findUnique({ where: { id: clusterId } });
    if (!row) throw notFound("cluster");
    target = `cluster:${row.name}`;
    details.before = { graceSeconds: row.haGraceSeconds, fenceAutomatically: row.haFenceAutomatically };
    await tx.hostCluster.update({
      where: { id: clusterId },
      data: { haGraceSeconds: after.graceSeconds, haFenceAutomatically: after.fenceAutomatically },
    });
  });
  return after;
}
