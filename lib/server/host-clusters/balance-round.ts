import "server-only";
import { proposeMoves, type BalanceFacts } from "@/lib/host-clusters/balancing";
import { can } from "@/lib/roles";
import { db } from "../db";
import { newId } from "../ids";
import { log } from "../log";
import { jobLabel } from "../jobs/job-label";
import { scheduler } from "../jobs/scheduler";
import { ownerActor } from "../schedules/schedule-facts";
import { balanceMembers } from "./balance-loads";
import { settingsOf } from "./cluster-view";
import { makeBalanceMove } from "./make-balance-move";
import { memberFacts } from "./member-facts";

/** Checked this often, on one instance at a time (the scheduler claims each run once). */
export const BALANCE_EVERY_MS = 60_000;
export const BALANCE_KIND = "clusters.balance";

export type BalanceRoundResult = { proposed: number; made: number; superseded: number };

/**
 * One check of every cluster with balancing on: proposals whose reason went away (the source is no longer busy,
 * the guest left it) are superseded; a busy member without an open proposal gets one (proposeMoves); under
 * "automatic" each new proposal is made at once as the admin who turned it on, while that admin may still
 * migrate guests on both hosts (otherwise it waits for an operator like any proposal).
 */
export async function balanceRound(now = Date.now()): Promise<BalanceRoundResult> {
  const result: BalanceRoundResult = { proposed: 0, made: 0, superseded: 0 };
  const clusters = await db().hostCluster.findMany({ where: { balanceCpuPercent: { gt: 0 } } });
  for (const cluster of clusters) {
    const members = await balanceMembers(await memberFacts(cluster), cluster.balanceMinutes, now);
    const threshold = cluster.balanceCpuPercent;
    const open = await db().balanceProposal.findMany({ where: { clusterId: cluster.id, status: "proposed" } });
    const stale = open.filter((p) => {
      const source = members.find((m) => m.id === p.sourceHostId);
      return !source || (source.loadPercent ?? 0) <= threshold || !source.guests.some((g) => g.uuid === p.guestUuid);
    });
    if (stale.length) {
      await db().balanceProposal.updateMany({
        where: { id: { in: stale.map((p) => p.id) }, status: "proposed" },
        data: { status: "superseded", decidedAt: new Date(now) },
      });
      result.superseded += stale.length;
    }
    // A member with an open proposal, or a balancing move still migrating, waits for it.
    const moving = await db().balanceProposal.findMany({
      where: { clusterId: cluster.id, status: "made", jobId: { not: null } },
      select: { sourceHostId: true, jobId: true },
    });
    const running = new Set(
      (
        await db().job.findMany({
          where: { id: { in: moving.map((m) => m.jobId!) }, status: { in: ["queued", "running"] } },
          select: { id: true },
        })
      ).map((j) => j.id),
    );
    const waiting = new Set([
      ...open.filter((p) => !stale.includes(p)).map((p) => p.sourceHostId),
      ...moving.filter((m) => running.has(m.jobId!)).map((m) => m.sourceHostId),
    ]);
    const moves = proposeMoves(members, { ...settingsOf(cluster), thresholdPercent: threshold }).filter(
      (m) => !waiting.has(m.sourceHostId),
    );
    const actor = cluster.balanceAutomatic && cluster.balanceActorId ? await ownerActor(cluster.balanceActorId) : null;
    for (const move of moves) {
      const facts: BalanceFacts = { ...move.facts, minutes: cluster.balanceMinutes };
      const id = newId();
      await db().balanceProposal.create({
        data: {
          id,
          clusterId: cluster.id,
          guestUuid: move.guestUuid,
          guestName: move.guestName,
          sourceHostId: move.sourceHostId,
          destinationHostId: move.destinationHostId,
          facts: JSON.stringify(facts),
          status: "proposed",
          createdAt: new Date(now),
        },
      });
      result.proposed++;
      const mayMove =
        actor && [move.sourceHostId, move.destinationHostId].every((hostId) => can(actor.grants, "guest.manage", { kind: "host", hostId }));
      if (!mayMove) continue;
      try {
        await makeBalanceMove({ actor, ip: "", requestId: "" }, { clusterId: cluster.id, proposalId: id, automatic: true });
        result.made++;
      } catch (err) {
        log.warn({ err, cluster: cluster.name, guest: move.guestName }, "balancing: the automatic move did not start");
      }
    }
  }
  return result;
}

/** Called once at start (server.ts), after the job service: every instance may run the check; each slot runs on one. */
export async function startBalancing(): Promise<void> {
  const s = scheduler();
  s.handle(BALANCE_KIND, () => balanceRound());
  await s.schedule(BALANCE_KIND, { everyMs: BALANCE_EVERY_MS }, null, { key: BALANCE_KIND, label: jobLabel("balanceCheck") });
}
