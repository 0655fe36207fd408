import "server-only";
import type { BalanceFacts } from "@/lib/host-clusters/balancing";
import { proposalStatuses, type BalanceProposalView, type ProposalStatus } from "@/lib/host-clusters/types";
import { db } from "../db";

const DECIDED_SHOWN = 10;

/** A cluster's open balancing proposals, then its latest decided ones, with host names as they are now. */
export async function balanceProposals(clusterId: string): Promise<BalanceProposalView[]> {
  const [open, decided] = await Promise.all([
    db().balanceProposal.findMany({ where: { clusterId, status: "proposed" }, orderBy: { createdAt: "desc" } }),
    db().balanceProposal.findMany({
      where: { clusterId, status: { not: "proposed" } },
      orderBy: { createdAt: "desc" },
      take: DECIDED_SHOWN,
    }),
  ]);
  const rows = [...open, ...decided];
  const hosts = await db().host.findMany({
    where: { id: { in: rows.flatMap((r) => [r.sourceHostId, r.destinationHostId]) } },
    select: { id: true, name: true },
  });
  const nameOf = (id: string) => hosts.find((h) => h.id === id)?.name ?? id;
  return rows.map((r) => ({
    id: r.id,
    guestName: r.guestName,
    sourceHost: nameOf(r.sourceHostId),
    destinationHost: nameOf(r.destinationHostId),
    facts: JSON.parse(r.facts) as BalanceFacts,
    status: (proposalStatuses as readonly string[]).includes(r.status) ? (r.status as ProposalStatus) : "superseded",
    createdAt: r.createdAt.getTime(),
    jobId: r.jobId,
  }));
}
