import "server-only";
import type { ClusterView } from "@/lib/host-clusters/types";
import { audited } from "../audit";
import { db } from "../db";
import { notFound } from "../http/errors";
import type { VerbContext } from "../verb-context";
import { computeBaseline } from "./baseline";
import { balanceProposals } from "./balance-proposals";
import { viewOf } from "./cluster-view";
import { memberFacts } from "./member-facts";

/** Asks libvirt again for the cluster's baseline CPU (after a member's CPU or microcode changed). */
export async function refreshBaseline(ctx: VerbContext, { clusterId }: { clusterId: string }): Promise<ClusterView> {
  const row = await db().hostCluster.findUnique({ where: { id: clusterId } });
  if (!row) throw notFound("cluster");
  const details: Record<string, unknown> = {};
  return audited(ctx, { action: "cluster.baseline", target: `cluster:${row.name}`, details }, async () => {
    const members = await memberFacts(row);
    await computeBaseline(clusterId, members);
    const fresh = await db().hostCluster.findUniqueOrThrow({ where: { id: clusterId } });
    const view = viewOf(fresh, members, await balanceProposals(clusterId));
    details.model = view.baseline?.model ?? null;
    if (fresh.baselineError) details.note = fresh.baselineError;
    return view;
  });
}
