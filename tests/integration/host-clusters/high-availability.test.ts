// Highly available guests (issue 30) with real daemons: this machine's libvirtd ("local") and a peer libvirtd of this
// test's own (its own network namespace: it is powered off here), in one cluster, with a simulated management
// controller (OpenIPMI's ipmi_sim on loopback) as the peer's BMC: its power is whether the peer's libvirtd runs, and
// powering off kills the peer's libvirtd and QEMUs at once, as a power cut would. The guests' disks are image files
// both daemons see (same machine), so QEMU's own image locking applies between them.
import { execFile, execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import { DomainState } from "@/lib/libvirt/api/domains";
import { VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import type { Actor } from "@/lib/server/auth/session";
import { db } from "@/lib/server/db";
import { confirmHostDown } from "@/lib/server/ha/confirm-host-down";
import { markGuestHa } from "@/lib/server/ha/mark-guest-ha";
import { setClusterHa } from "@/lib/server/ha/set-cluster-ha";
import { setPowerManagement } from "@/lib/server/ha/set-power-management";
import { testPowerManagement } from "@/lib/server/ha/test-power-management";
import { createCluster } from "@/lib/server/host-clusters/create-cluster";
import { getCluster } from "@/lib/server/host-clusters/get-cluster";
import { setClusterMembers } from "@/lib/server/host-clusters/set-cluster-members";
import { disconnectHost } from "@/lib/server/hosts/disconnect-host";
import { hostPool, takeOverHost } from "@/lib/server/hosts/host-pool";
import { reconnectHost } from "@/lib/server/hosts/reconnect-host";
import { startBmcSim, type BmcSim } from "../../helpers/bmc-sim";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { jobFinished } from "../../helpers/jobs";
import { removeGuests, startPersistentTestGuest } from "../../helpers/test-guest";
import { ctxOf } from "../../helpers/verb-context";

const run = promisify(execFile);
const SCRIPT = path.resolve(__dirname, "../../../scripts/test-peer/peer-daemon.sh");
const NETNS = "virtcon-ha";
const STATE = "/var/lib/virt-console-peer-ha";
const PEER_ENV = {
  PEER_NETNS: NETNS,
  PEER_HOST_IF: "vcha0",
  PEER_PEER_IF: "vcha1",
  PEER_HOST_ADDR: "10.78.0.1",
  PEER_ADDR: "10.78.0.2",
  PEER_STATE_DIR: STATE,
  PEER_UUID: "7a5c0e1e-77a0-4c6b-9e2a-0000000000b6",
  PEER_HOSTNAME: "virt-console-peer-ha",
};
const PEER_URI = "qemu+tcp://10.78.0.2/system";
const GRACE_SECONDS = 3;

/** The BMC's chassis control: power is whether the peer's libvirtd lives; power off kills everything in its namespace. */
const POWER_SCRIPT = `#!/bin/sh
pidfile=${STATE}/libvirtd.pid
alive() { pid=$(cat "$pidfile" 2>/dev/null) && [ -d "/proc/$pid" ] && ! grep -q '^State:.*Z' "/proc/$pid/status"; }
shift
op=$1
shift
case "$op" in
  get) for p in "$@"; do [ "$p" = power ] || continue; if alive; then echo power:1; else echo power:0; fi; done ;;
  set) while [ $# -gt 1 ]; do
         if [ "$1" = power ] && [ "$2" = 0 ]; then for pid in $(ip netns pids ${NETNS}); do kill -9 "$pid" 2>/dev/null; done; fi
         shift 2
       done ;;
esac
`;

let tc: TestConsole;
let bmc: BmcSim;
let admin: Actor;
let localId: string;
let peerId: string;
let clusterId: string;
let lv: Libvirt;
let diskDir: string;
const made: string[] = [];

const peer = (action: "start" | "stop") => run("bash", [SCRIPT, action], { timeout: 60_000, env: { ...process.env, ...PEER_ENV } });
const inPeer = (...args: string[]) => execFileSync("ip", ["netns", "exec", NETNS, ...args]);
/** Only the console's link to the peer goes: its libvirtd and guests run on, unreachable (connections reset). */
const cutLink = () => inPeer("iptables", "-I", "INPUT", "-p", "tcp", "--dport", "16509", "-j", "REJECT", "--reject-with", "tcp-reset");
const restoreLink = () => inPeer("iptables", "-D", "INPUT", "-p", "tcp", "--dport", "16509", "-j", "REJECT", "--reject-with", "tcp-reset");
const qemuRuns = (name: string) => {
  try {
    execFileSync("pgrep", ["-f", `guest=${name},`]);
    return true;
  } catch {
    return false;
  }
};
const haOf = () => db().host.findUniqueOrThrow({ where: { id: peerId }, select: { haState: true, haDetail: true } });

async function until(what: string, test: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A persistent test guest on the peer with a disk image on storage both daemons see, marked highly available. */
async function haGuestOnPeer(prefix: string) {
  const image = path.join(diskDir, `${prefix}.img`);
  writeFileSync(image, Buffer.alloc(0));
  execFileSync("truncate", ["-s", "16M", image]);
  chmodSync(image, 0o666);
  const disk = `<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='${image}'/><target dev='hda' bus='ide'/></disk>`;
  const peerLv = await Libvirt.open(PEER_URI);
  try {
    const guest = await startPersistentTestGuest(peerLv, { namePrefix: `ha-${prefix}`, memoryMiB: 128, extraDevices: disk });
    made.push(guest.name);
    const uuid = (await peerLv.domains.list()).find((d) => d.name === guest.name)!.uuid;
    await markGuestHa(ctxOf(admin), { hostId: peerId, uuid, highlyAvailable: true });
    const { xml } = await db().haGuest.findUniqueOrThrow({ where: { uuid } });
    return { name: guest.name, uuid, image, xml };
  } finally {
    await peerLv.close();
  }
}

/** The host.fence job the watch started for the peer, once it ended. */
async function fenceJobEnded(after: Date) {
  let id = "";
  await until("the fence job", async () => {
    const job = await db().job.findFirst({
      where: { kind: "host.fence", target: `host:${peerId}`, startedAt: { gt: after } },
      orderBy: { startedAt: "desc" },
    });
    id = job?.id ?? "";
    return job !== null && job.status !== "running" && job.status !== "queued";
  });
  return db().job.findUniqueOrThrow({ where: { id } });
}

beforeAll(async () => {
  await peer("start");
  tc = await startTestConsole();
  admin = await tc.actor();
  localId = await tc.addHost("local", "qemu:///system");
  peerId = await tc.addHost("peer-ha", PEER_URI);
  ({ id: clusterId } = await createCluster(ctxOf(admin), { name: "ha-test" }));
  await setClusterMembers(ctxOf(admin), { clusterId, hostIds: [localId, peerId] });
  bmc = await startBmcSim(POWER_SCRIPT);
  await setPowerManagement(ctxOf(admin), { hostId: peerId, address: bmc.address, port: bmc.port, user: bmc.user, password: bmc.password });
  // This process holds both hosts' leases: it watches their connections and hears their events.
  await takeOverHost(localId);
  await takeOverHost(peerId);
  lv = await Libvirt.open("qemu:///system");
  diskDir = mkdtempSync("/var/tmp/vc-ha-disks-");
  chmodSync(diskDir, 0o755);
}, 180_000);

afterAll(async () => {
  try {
    restoreLink();
  } catch {
    // not cut
  }
  if (lv) await removeGuests(lv, made).catch(() => undefined);
  await lv?.close();
  await hostPool().closeAll();
  await tc?.cleanup();
  await bmc?.stop();
  await peer("stop");
  if (diskDir) rmSync(diskDir, { recursive: true, force: true });
}, 180_000);

describe("highly available guests", () => {
  it("stores the controller's password sealed and reads the peer's power through it", async () => {
    const row = await db().host.findUniqueOrThrow({ where: { id: peerId } });
    expect(row.bmcPasswordSealed).not.toContain(bmc.password);
    expect(await testPowerManagement(ctxOf(admin), { hostId: peerId })).toEqual({ ok: true, power: "on" });
  });

  it("keeps a marked guest's definition current, and forgets a guest that was deleted", async () => {
    const guest = await startPersistentTestGuest(lv, { namePrefix: "ha-kept", memoryMiB: 128, waitForBoot: false });
    made.push(guest.name);
    const uuid = (await lv.domains.list()).find((d) => d.name === guest.name)!.uuid;
    await markGuestHa(ctxOf(admin), { hostId: localId, uuid, highlyAvailable: true });
    expect(await lv.domains.autostart(guest.dom)).toBe(false);
    // A change to its definition (libvirt's "defined" event) reaches the kept copy.
    const xml = await lv.domains.xml(guest.dom, VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE);
    await lv.domains.define(xml.replace("<devices>", "<description>kept by the console</description>\n  <devices>"));
    await until("the kept definition", async () =>
      (await db().haGuest.findUniqueOrThrow({ where: { uuid } })).xml.includes("kept by the console"),
    );
    await guest.cleanup();
    await until("the row forgotten", async () => (await db().haGuest.findUnique({ where: { uuid } })) === null, 30_000);
  }, 120_000);

  it("does not restart a guest while its host only lost its link, and libvirt's lock refuses a wrong confirmation", async () => {
    await setClusterHa(ctxOf(admin), { clusterId, graceSeconds: GRACE_SECONDS, fenceAutomatically: false });
    const guest = await haGuestOnPeer("link");
    cutLink();
    try {
      await until("needs confirmation", async () => (await haOf()).haState === "needsConfirmation");
      expect(JSON.parse((await haOf()).haDetail!)).toEqual({ reason: "fenceOff" });
      // Past the grace time and a margin: nothing was started here, the peer's copy runs on.
      await new Promise((r) => setTimeout(r, (GRACE_SECONDS + 5) * 1000));
      expect(await lv.domains.lookupByName(guest.name).catch(() => null)).toBeNull();
      expect(qemuRuns(guest.name)).toBe(true);
      expect((await haOf()).haState).toBe("needsConfirmation");
      // The cluster page shows it beside the member.
      const view = await getCluster({ clusterId });
      expect(view.members.map((m) => [m.id, m.haState])).toEqual(
        expect.arrayContaining([
          [peerId, "needsConfirmation"],
          [localId, null],
        ]),
      );

      // An admin confirms the host down although it runs: the start here is refused by QEMU's lock on the disk
      // the peer's QEMU holds, reported with libvirt's words, not retried, and nothing is left defined here.
      const job = await jobFinished(await confirmHostDown(ctxOf(admin), { hostId: peerId }), admin.id, { timeoutMs: 120_000 });
      expect(job.status).toBe("done");
      const { outcome, report } = job.result as {
        outcome: string;
        report: { restarted: unknown[]; notRestarted: { name: string; why: string }[] };
      };
      expect(outcome).toBe("down");
      expect(report.restarted).toEqual([]);
      expect(report.notRestarted).toEqual([{ name: guest.name, why: expect.stringMatching(/lock/i) }]);
      expect(await lv.domains.lookupByName(guest.name).catch(() => null)).toBeNull();
      expect(qemuRuns(guest.name)).toBe(true);
      const rows = (await tc.auditRows("guest.ha.restart")).filter((r) => r.target.includes(guest.name));
      expect(rows.map((r) => r.result)).toEqual(["error"]);
      expect((await db().haGuest.findUniqueOrThrow({ where: { uuid: guest.uuid } })).hostId).toBe(peerId);
    } finally {
      restoreLink();
    }
    // The link is back: the host's state is cleared.
    await until("the state cleared", async () => (await haOf()).haState === null);
  }, 240_000);

  it("restarts a guest on the surviving host from the same disk once the BMC reports its host off", async () => {
    await setClusterHa(ctxOf(admin), { clusterId, graceSeconds: GRACE_SECONDS, fenceAutomatically: true });
    const guest = await haGuestOnPeer("fenced");
    // The peer stops answering the console; the fence job powers it off through its controller.
    const cut = new Date();
    cutLink();
    const job = await fenceJobEnded(cut);
    expect(job.status).toBe("done");
    // The previous test's guest (still on the peer, its restart refused then) comes back too: the peer is off now.
    expect(JSON.parse(job.result!)).toMatchObject({
      outcome: "down",
      report: { restarted: expect.arrayContaining([{ name: guest.name, to: "local" }]), notRestarted: [] },
    });
    expect(await testPowerManagement(ctxOf(admin), { hostId: peerId })).toEqual({ ok: true, power: "off" });
    const here = await lv.domains.lookupByName(guest.name);
    expect((await lv.domains.state(here)).state).toBe(DomainState.RUNNING);
    expect(await lv.domains.xml(here)).toContain(`<source file='${guest.image}'`);
    const ha = await haOf();
    expect(ha.haState).toBe("down");
    expect(JSON.parse(ha.haDetail!)).toMatchObject({
      downBy: "fenced",
      restarted: expect.arrayContaining([{ name: guest.name, to: "local" }]),
    });
    expect((await db().haGuest.findUniqueOrThrow({ where: { uuid: guest.uuid } })).hostId).toBe(localId);
    const fence = await tc.auditRows("host.fence");
    expect(fence.map((r) => [r.result, JSON.parse(r.details).step])).toContainEqual(["ok", "power off"]);
    expect((await tc.auditRows("guest.ha.restart")).filter((r) => r.target.includes(guest.name)).map((r) => r.result)).toEqual(["ok"]);

    // The peer is powered on again (disconnected in the console meanwhile, as an admin repairing it would) with its
    // old copy of the guest still defined. Once it is connected again, the console undefines the old copy there, so
    // it never starts again, and clears the host's state.
    await disconnectHost(ctxOf(admin), { hostId: peerId });
    restoreLink();
    await peer("start");
    const peerSocket = `qemu:///system?socket=${STATE}/run/libvirt-sock`;
    const xmlFile = path.join(diskDir, "old-copy.xml");
    writeFileSync(xmlFile, guest.xml);
    execFileSync("virsh", ["-q", "-c", peerSocket, "define", xmlFile]);
    expect(execFileSync("virsh", ["-q", "-c", peerSocket, "list", "--all", "--name"]).toString()).toContain(guest.name);
    await reconnectHost(ctxOf(admin), { hostId: peerId });
    await until("the state cleared", async () => (await haOf()).haState === null);
    expect(execFileSync("virsh", ["-q", "-c", peerSocket, "list", "--all", "--name"]).toString()).not.toContain(guest.name);
    const back = (await tc.auditRows("host.back")).at(-1)!;
    expect(JSON.parse(back.details)).toEqual({ was: "down", undefinedOldCopies: [guest.name], stillRunning: [] });
    expect((await lv.domains.state(here)).state).toBe(DomainState.RUNNING);
  }, 300_000);
});
