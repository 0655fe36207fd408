import "server-only";
import { clusterSchema, type ClusterInput } from "@/lib/validations/host-clusters";
import { auditedTransaction } from "../audit";
import { ApiError } from "../http/errors";
import { newId } from "../ids";
import type { VerbContext } from "../verb-context";
import { rowData } from "./cluster-view";

/** A new, empty host cluster. */
export async function createCluster(ctx: VerbContext, input: ClusterInput): Promise<{ id: string }> {
  const settings = clusterSchema.parse(input);
  return auditedTransaction(ctx, { action: "cluster.create", target: `cluster:${settings.name}`, details: { ...settings } }, async (tx) => {
    if (await tx.hostCluster.findUnique({ where: { name: settings.name } }))
      throw new ApiError(409, { key: "clusterExists" }, { name: { key: "chooseAnotherName" } });
    const id = newId();
    await tx.hostCluster.create({ data: { id, ...rowData(settings, ctx.actor.id) } });
    return { id };
  });
}
