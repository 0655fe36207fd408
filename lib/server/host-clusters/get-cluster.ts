import "server-only";
import type { ClusterView } from "@/lib/host-clusters/types";
import { db } from "../db";
import { notFound } from "../http/errors";
import { balanceProposals } from "./balance-proposals";
import { viewOf } from "./cluster-view";
import { memberFacts } from "./member-facts";

/** A cluster with its baseline CPU, its balancing proposals and each member's fitness, asked of the members' libvirtd now. */
export async function getCluster({ clusterId }: { clusterId: string }): Promise<ClusterView> {
  const row = await db().hostCluster.findUnique({ where: { id: clusterId } });
  if (!row) throw notFound("cluster");
  const [members, proposals] = await Promise.all([memberFacts(row), balanceProposals(row.id)]);
  return viewOf(row, members, proposals);
}
