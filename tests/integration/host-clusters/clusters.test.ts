// Host clusters (issue 30) with real daemons: this machine's libvirtd and the test peers (tests/helpers/
// peer-daemon.ts). A cluster of two hosts gets a baseline CPU both accept; placement picks the emptier member
// and keeps guests sharing an anti-affinity tag apart; maintenance moves every running guest off a member (two
// peers that hold only this file's guests, so no other test's guest is moved) and Activate brings it back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import { DomainState } from "@/lib/libvirt/api/domains";
import { VirConnectCompareCPUFlags } from "@/lib/libvirt/generated/flags";
import type { MaintenanceReport } from "@/lib/host-clusters/types";
import type { Actor } from "@/lib/server/auth/session";
import { activateHost } from "@/lib/server/host-clusters/activate-host";
import { createCluster } from "@/lib/server/host-clusters/create-cluster";
import { enterMaintenance } from "@/lib/server/host-clusters/enter-maintenance";
import { getCluster } from "@/lib/server/host-clusters/get-cluster";
import { setClusterMembers } from "@/lib/server/host-clusters/set-cluster-members";
import { suggestPlacement } from "@/lib/server/host-clusters/suggest-placement";
import { updateCluster } from "@/lib/server/host-clusters/update-cluster";
import { setGuestTags } from "@/lib/server/tags/set-guest-tags";
import { Capabilities } from "@/lib/xml";
import type { TestConsole } from "../../helpers/console-db";
import { jobFinished } from "../../helpers/jobs";
import { startSecondPeerDaemon, type PeerDaemon } from "../../helpers/peer-daemon";
import { startPersistentTestGuest } from "../../helpers/test-guest";
import { startTwoHosts, stopTwoHosts } from "../../helpers/two-hosts";
import { ctxOf } from "../../helpers/verb-context";

let tc: TestConsole;
let peer: PeerDaemon;
let peer2: PeerDaemon | undefined;
let admin: Actor;
let localId: string;
let peerId: string;
let peer2Id: string;
let lv: Libvirt;
let peerLv: Libvirt;
let peer2Lv: Libvirt | undefined;
let clusterId: string;
const made: string[] = [];

const uuidOn = async (conn: Libvirt, name: string) => (await conn.domains.list()).find((d) => d.name === name)!.uuid;
const runningOn = async (conn: Libvirt) =>
  (await conn.domains.list()).filter((d) => d.state === DomainState.RUNNING && made.includes(d.name)).map((d) => d.name);
const guestOn = async (conn: Libvirt, prefix: string) => {
  const guest = await startPersistentTestGuest(conn, { namePrefix: `clusters-${prefix}`, memoryMiB: 128, waitForBoot: false });
  made.push(guest.name);
  return guest.name;
};
const place = (tags: string[] = []) => suggestPlacement(ctxOf(admin), { hostId: peerId, memoryMiB: 128, vcpus: 1, tags });

beforeAll(async () => {
  ({ tc, peer, admin, localId, peerId, lv, peerLv } = await startTwoHosts());
  peer2 = await startSecondPeerDaemon();
  peer2Id = await tc.addHost("peer2", peer2.uri);
  peer2Lv = await Libvirt.open(peer2.uri);
  ({ id: clusterId } = await createCluster(ctxOf(admin), {
    name: "clusters-test",
    requiredNetworks: [],
    antiAffinityTags: ["clusters-db"],
  }));
}, 180_000);

afterAll(async () => {
  if (peer2Lv) {
    for (const name of made) {
      const dom = await peer2Lv.domains.lookupByName(name).catch(() => null);
      if (dom) await peer2Lv.domains.destroy(dom).catch(() => undefined);
      if (dom) await peer2Lv.domains.undefine(dom).catch(() => undefined);
    }
    await peer2Lv.close();
  }
  // The second peer lives in the first one's namespace: it goes first.
  await peer2?.stop();
  await stopTwoHosts({ tc, peer, lv, peerLv }, made);
}, 180_000);

describe("host clusters", () => {
  it("gives a cluster of two hosts a baseline CPU that both hosts' hypervisors accept, and shows each member's fitness", async () => {
    const view = await setClusterMembers(ctxOf(admin), { clusterId, hostIds: [localId, peerId] });
    expect(view.baselineError).toBeNull();
    expect(view.baseline?.model).toBeTruthy();
    for (const conn of [lv, peerLv]) {
      // FAIL_INCOMPATIBLE makes libvirt throw, naming the features, when the host cannot run it. The hypervisor
      // type is the one the console computed the baseline for: KVM wherever libvirt offers it.
      const result = await conn.host.compareHypervisorCpu(view.baseline!.xml, {
        arch: "x86_64",
        virttype: Capabilities.parse(await conn.host.capabilities()).guestsFor("x86_64", "kvm").length ? "kvm" : "qemu",
        flags: VirConnectCompareCPUFlags.VIR_CONNECT_COMPARE_CPU_FAIL_INCOMPATIBLE,
      });
      expect(result).toBeGreaterThan(0);
    }
    expect(view.members.map((m) => [m.name, m.fit])).toEqual([
      ["local", true],
      ["peer", true],
    ]);

    // A network the peer lacks makes it unfit, with why.
    await updateCluster(ctxOf(admin), {
      clusterId,
      name: "clusters-test",
      requiredNetworks: ["clusters-nonet"],
      antiAffinityTags: ["clusters-db"],
    });
    const unfit = await getCluster({ clusterId });
    expect(unfit.members.map((m) => [m.name, m.fit, m.problems])).toEqual([
      ["local", false, [{ key: "noNetwork", name: "clusters-nonet" }]],
      ["peer", false, [{ key: "noNetwork", name: "clusters-nonet" }]],
    ]);
    await updateCluster(ctxOf(admin), { clusterId, name: "clusters-test", antiAffinityTags: ["clusters-db"] });
    expect((await tc.auditRows("cluster.members")).map((r) => r.result)).toEqual(["ok"]);
  });

  it("places a new guest on the emptier member, and never next to a guest sharing an anti-affinity tag", async () => {
    // From here on the members are the two peers, which hold only this file's guests.
    await setClusterMembers(ctxOf(admin), { clusterId, hostIds: [peerId, peer2Id] });
    await guestOn(peerLv, "a");
    await guestOn(peerLv, "b");
    const emptier = await place();
    expect(emptier).toMatchObject({ hostId: peer2Id, hostName: "peer2" });
    expect(emptier.reason).toMatchObject({ key: "chosen", policy: "spread", placed: 0 });

    const db1 = await guestOn(peer2Lv!, "db1");
    await setGuestTags(ctxOf(admin), { hostId: peer2Id, uuid: await uuidOn(peer2Lv!, db1), tags: ["clusters-db"] });
    expect(await place(["clusters-db"])).toMatchObject({ hostId: peerId, hostName: "peer" });
    // An untagged guest still goes to the emptier member.
    expect(await place()).toMatchObject({ hostId: peer2Id });
  });

  it("moves every running guest off a member in maintenance, places nothing there, and Activate brings it back", async () => {
    const before = await runningOn(peerLv);
    expect(before.length).toBe(2);
    const job = await jobFinished(await enterMaintenance(ctxOf(admin), { hostId: peerId }), admin.id, { timeoutMs: 240_000, pollMs: 250 });
    expect(job.error).toBeUndefined();
    expect(job.status).toBe("done");
    const report = job.result as MaintenanceReport;
    expect(report.unmovable).toEqual([]);
    expect(report.moved.map((m) => [m.name, m.to]).sort()).toEqual(before.sort().map((n) => [n, "peer2"]));
    expect(await runningOn(peerLv)).toEqual([]);
    expect((await runningOn(peer2Lv!)).sort()).toEqual([...before, made.find((n) => n.includes("db1"))!].sort());

    // In maintenance the peer is never chosen, even for a guest peer2 must refuse (anti-affinity).
    const none = await place(["clusters-db"]);
    expect(none.hostId).toBeNull();
    expect(none.reason).toMatchObject({
      key: "noneAble",
      refused: expect.arrayContaining([{ name: "peer", why: { key: "inMaintenance" } }]),
    });
    expect((await getCluster({ clusterId })).members.find((m) => m.id === peerId)?.maintenanceSince).not.toBeNull();

    await activateHost(ctxOf(admin), { hostId: peerId });
    // Now the emptier member again.
    expect(await place()).toMatchObject({ hostId: peerId, hostName: "peer" });
    expect((await tc.auditRows("host.maintenance.enter")).map((r) => r.result)).toEqual(["ok"]);
    expect((await tc.auditRows("host.maintenance.evacuate")).map((r) => r.result)).toEqual(["ok"]);
    expect((await tc.auditRows("host.maintenance.activate")).map((r) => r.result)).toEqual(["ok"]);
  });
});
