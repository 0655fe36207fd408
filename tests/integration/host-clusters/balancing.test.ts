// Balancing (issue 30) with real daemons: this machine's libvirtd and the test peer in one cluster. Two test guests
// kept busy on the local host make the local member's guests use more than the cluster's threshold; the real
// metrics collector samples both hosts and its minute rows are written as the recorder writes them; the check then
// proposes moving the busy guest to the idle peer, and "Move now" migrates it there, audited with the figures.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Libvirt } from "@/lib/libvirt";
import { DomainState } from "@/lib/libvirt/api/domains";
import type { Actor } from "@/lib/server/auth/session";
import { db } from "@/lib/server/db";
import { balanceRound } from "@/lib/server/host-clusters/balance-round";
import { createCluster } from "@/lib/server/host-clusters/create-cluster";
import { dismissBalanceProposal } from "@/lib/server/host-clusters/dismiss-balance-proposal";
import { getCluster } from "@/lib/server/host-clusters/get-cluster";
import { makeBalanceMove } from "@/lib/server/host-clusters/make-balance-move";
import { setClusterMembers } from "@/lib/server/host-clusters/set-cluster-members";
import { updateCluster } from "@/lib/server/host-clusters/update-cluster";
import { newId } from "@/lib/server/ids";
import { jobs } from "@/lib/server/jobs/jobs";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { MetricsCollector } from "@/lib/server/metrics/collector";
import { floorTo, minuteRows, MINUTE_MS, toMinutes, writeBucket } from "@/lib/server/metrics/rollups";
import type { TestConsole } from "../../helpers/console-db";
import { runInGuest } from "../../helpers/guest-shell";
import { jobFinished } from "../../helpers/jobs";
import type { PeerDaemon } from "../../helpers/peer-daemon";
import { removeGuests, startPersistentTestGuest } from "../../helpers/test-guest";
import { startTwoHosts, stopTwoHosts } from "../../helpers/two-hosts";
import { ctxOf } from "../../helpers/verb-context";

let tc: TestConsole;
let peer: PeerDaemon;
let admin: Actor;
let localId: string;
let peerId: string;
let lv: Libvirt;
let peerLv: Libvirt;
let clusterId: string;
let collector: MetricsCollector | undefined;
const made: string[] = [];

beforeAll(async () => {
  ({ tc, peer, admin, localId, peerId, lv, peerLv } = await startTwoHosts());
  ({ id: clusterId } = await createCluster(ctxOf(admin), { name: "balance-test", balanceCpuPercent: 15, balanceMinutes: 1 }));
  await setClusterMembers(ctxOf(admin), { clusterId, hostIds: [localId, peerId] });
}, 180_000);

afterAll(async () => {
  collector?.stop();
  await stopTwoHosts({ tc, peer, lv, peerLv }, made);
}, 180_000);

/** Samples both hosts each second for a while, then writes the current minute's rows as the recorder does. */
async function measure(forMs: number): Promise<void> {
  collector = new MetricsCollector({ intervalMs: 1000, connect: (id) => hostPool().get(id), hostIds: async () => [localId, peerId] });
  collector.start();
  const minute = floorTo(Date.now(), MINUTE_MS);
  await new Promise((r) => setTimeout(r, forMs));
  collector.stop();
  await writeBucket(db(), "1m", toMinutes(minute), minuteRows(collector, minute));
}

describe("balancing a cluster", () => {
  it("proposes moving one of two busy guests off their member to the idle one, then moves it as proposed", async () => {
    // Two busy guests: moving one leaves each member with one (a lone busy guest is never passed around).
    const guests = [];
    for (const prefix of ["balance-a", "balance-b"]) {
      const guest = await startPersistentTestGuest(lv, { namePrefix: prefix, memoryMiB: 128 });
      made.push(guest.name);
      await runInGuest(lv, guest.dom, "(while :; do :; done) > /dev/null 2>&1 & echo started");
      guests.push(guest);
    }

    // Not measured for a whole minute yet: nothing is proposed.
    expect((await balanceRound()).proposed).toBe(0);
    await measure(8_000);
    const round = await balanceRound();
    expect(round.proposed).toBe(1);
    expect(round.made).toBe(0);

    const view = await getCluster({ clusterId });
    const [proposal] = view.proposals;
    expect(proposal).toMatchObject({ sourceHost: "local", destinationHost: "peer", status: "proposed" });
    const guest = guests.find((g) => g.name === proposal.guestName)!;
    expect(guest).toBeDefined();
    expect(proposal.facts.sourceLoadPercent).toBeGreaterThan(15);
    expect(proposal.facts.guestLoadPercent).toBeGreaterThan(0);
    expect(proposal.facts.sourceAfterPercent).toBeLessThan(proposal.facts.sourceLoadPercent);
    expect(proposal.facts.minutes).toBe(1);
    // An open proposal is not made twice: the next round leaves the member waiting for it.
    expect((await balanceRound()).proposed).toBe(0);

    const job = await makeBalanceMove(ctxOf(admin), { clusterId, proposalId: proposal.id });
    expect((await jobFinished(job, admin.id, { timeoutMs: 120_000, pollMs: 200 })).status).toBe("done");
    const there = await peerLv.domains.lookupByName(guest.name);
    expect((await peerLv.domains.state(there)).state).toBe(DomainState.RUNNING);
    const [row] = await tc.auditRows("cluster.balance.move");
    expect(row.result).toBe("ok");
    expect(JSON.parse(row.details)).toMatchObject({ guest: guest.name, automatic: false, reason: { thresholdPercent: 15, minutes: 1 } });
    expect((await getCluster({ clusterId })).proposals[0]).toMatchObject({ status: "made", jobId: job.id });
    // Made once: a second click is refused with the reason.
    await expect(makeBalanceMove(ctxOf(admin), { clusterId, proposalId: proposal.id })).rejects.toMatchObject({ status: 409 });
    await expect(dismissBalanceProposal(ctxOf(admin), { clusterId, proposalId: proposal.id })).rejects.toMatchObject({ status: 409 });
    // The other guest stays: one move per round.
    const other = guests.find((g) => g !== guest)!;
    expect((await lv.domains.state(await lv.domains.lookupByName(other.name))).state).toBe(DomainState.RUNNING);
  }, 300_000);

  it("makes the move by itself when the admin turned automatic moves on, as that admin", async () => {
    // Back to two busy guests on the local member: the moved one goes, a new one starts beside the other.
    await removeGuests(peerLv, made.slice(0, 2)).catch(() => undefined);
    const fresh = await startPersistentTestGuest(lv, { namePrefix: "balance-c", memoryMiB: 128 });
    made.push(fresh.name);
    await runInGuest(lv, fresh.dom, "(while :; do :; done) > /dev/null 2>&1 & echo started");
    await updateCluster(ctxOf(admin), {
      clusterId,
      name: "balance-test",
      balanceCpuPercent: 15,
      balanceMinutes: 1,
      balanceAutomatic: true,
    });
    // The moves run with the admin's stored roles, read at each round: none yet, so the check only proposes.
    await db().metricPoint.deleteMany({});
    await measure(8_000);
    expect(await balanceRound()).toMatchObject({ proposed: 1, made: 0 });
    await db().balanceProposal.updateMany({ where: { status: "proposed" }, data: { status: "dismissed" } });
    await db().roleGrant.create({ data: { id: newId(), userId: admin.id, role: "admin", scope: "global" } });
    await db().metricPoint.deleteMany({});
    await measure(8_000);
    const round = await balanceRound();
    expect(round).toMatchObject({ proposed: 1, made: 1 });
    const [proposal] = (await getCluster({ clusterId })).proposals;
    expect(proposal).toMatchObject({ status: "made", sourceHost: "local", destinationHost: "peer" });
    const job = (await jobs().get(proposal.jobId!, admin.id))!;
    expect((await jobFinished(job, admin.id, { timeoutMs: 120_000, pollMs: 200 })).status).toBe("done");
    const rows = await tc.auditRows("cluster.balance.move");
    expect(JSON.parse(rows.at(-1)!.details)).toMatchObject({ guest: proposal.guestName, automatic: true });
  }, 300_000);
});
