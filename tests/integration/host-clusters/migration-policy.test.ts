// A cluster's migration policy (issue 30) with real daemons: this machine's libvirtd and the test peer
// (tests/helpers/peer-daemon.ts) in one cluster. A live migration that names no bandwidth gets the cluster's and
// auto-converge (read back from QEMU while the copy runs); with one migration at once per host a second one waits
// queued until the first ends; a migration whose destination stops taking data is aborted after the stall timeout;
// bad settings are refused on their fields.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Libvirt } from "@/lib/libvirt";
import { DomainState } from "@/lib/libvirt/api/domains";
import { VirDomainJobType } from "@/lib/libvirt/generated/flags";
import type { MigrationProgress } from "@/lib/guests/migration-types";
import type { JobView } from "@/lib/jobs/types";
import type { Actor } from "@/lib/server/auth/session";
import { migrateGuest } from "@/lib/server/guests/migration/migrate-guest";
import { setMigrationSpeed } from "@/lib/server/guests/migration/set-migration-speed";
import { createCluster } from "@/lib/server/host-clusters/create-cluster";
import { setClusterMembers } from "@/lib/server/host-clusters/set-cluster-members";
import { updateCluster } from "@/lib/server/host-clusters/update-cluster";
import { jobs } from "@/lib/server/jobs/jobs";
import { migrationOptionsSchema } from "@/lib/validations/migration";
import type { TestConsole } from "../../helpers/console-db";
import { jobFinished } from "../../helpers/jobs";
import type { PeerDaemon } from "../../helpers/peer-daemon";
import { startPersistentTestGuest } from "../../helpers/test-guest";
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
const made: string[] = [];

const live = () => migrationOptionsSchema.parse({ destinationHostId: peerId, mode: "live" });
const detailOf = async (job: JobView) => (await jobs().get(job.id, admin.id))!.detail as MigrationProgress | undefined;

async function until(what: string, test: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** QEMU's own migration capabilities of a running guest on this machine's libvirtd. */
function qemuCapabilities(name: string): Record<string, boolean> {
  const out = execFileSync("virsh", ["-c", "qemu:///system", "qemu-monitor-command", name, '{"execute":"query-migrate-capabilities"}']);
  const list = (JSON.parse(out.toString()) as { return: { capability: string; state: boolean }[] }).return;
  return Object.fromEntries(list.map((c) => [c.capability, c.state]));
}

async function runningGuest(prefix: string) {
  const guest = await startPersistentTestGuest(lv, { namePrefix: `policy-${prefix}`, memoryMiB: 128 });
  made.push(guest.name);
  const uuid = (await lv.domains.list()).find((d) => d.name === guest.name)!.uuid;
  return { ...guest, uuid };
}

beforeAll(async () => {
  ({ tc, peer, admin, localId, peerId, lv, peerLv } = await startTwoHosts());
  ({ id: clusterId } = await createCluster(ctxOf(admin), {
    name: "policy-test",
    migrationsPerHost: 1,
    migrationBandwidthMiBs: 1,
    migrationAutoConverge: true,
    migrationStallSeconds: 600,
  }));
  await setClusterMembers(ctxOf(admin), { clusterId, hostIds: [localId, peerId] });
}, 180_000);

afterAll(() => stopTwoHosts({ tc, peer, lv, peerLv }, made), 180_000);

describe("a cluster's migration policy", () => {
  it("gives a live migration its bandwidth and auto-converge, and queues a second one beyond one at once per host", async () => {
    const first = await runningGuest("first");
    const second = await runningGuest("second");

    const a = await migrateGuest(ctxOf(admin), { hostId: localId, uuid: first.uuid, ...live() });
    await until("the first copy", async () => (await detailOf(a))?.phase === "copying");
    // What the source QEMU was told: the cluster's 1 MiB/s and auto-converge.
    expect(await lv.domains.migrationMaxSpeed(first.dom)).toBe(1n);
    expect(qemuCapabilities(first.name)["auto-converge"]).toBe(true);

    const b = await migrateGuest(ctxOf(admin), { hostId: localId, uuid: second.uuid, ...live() });
    await until("the second to queue", async () => (await detailOf(b))?.phase === "queued");
    // Waiting in the console: libvirt has no job for it yet.
    expect((await lv.domains.jobStats(second.dom)).type).toBe(VirDomainJobType.VIR_DOMAIN_JOB_NONE);

    // The first finishes at full speed; the second then starts, under the same policy.
    await setMigrationSpeed(ctxOf(admin), { hostId: localId, uuid: first.uuid, bandwidthMiBs: 1000 });
    expect((await jobFinished(a, admin.id, { timeoutMs: 120_000, pollMs: 200 })).status).toBe("done");
    await until("the second copy", async () => (await detailOf(b))?.phase === "copying");
    expect(await lv.domains.migrationMaxSpeed(second.dom)).toBe(1n);
    await setMigrationSpeed(ctxOf(admin), { hostId: localId, uuid: second.uuid, bandwidthMiBs: 1000 });
    expect((await jobFinished(b, admin.id, { timeoutMs: 120_000, pollMs: 200 })).status).toBe("done");

    for (const g of [first, second]) {
      const there = await peerLv.domains.lookupByName(g.name);
      expect((await peerLv.domains.state(there)).state).toBe(DomainState.RUNNING);
    }
    const rows = (await tc.auditRows("guest.migrate")).filter((r) => r.target.includes(first.name));
    expect(rows.map((r) => [r.result, JSON.parse(r.details)])).toContainEqual([
      "ok",
      expect.objectContaining({ bandwidthMiBs: 1, autoConverge: true, clusterPolicy: "policy-test", stallSeconds: 600 }),
    ]);
  }, 300_000);

  it("aborts a migration whose data left stops shrinking for the stall timeout: the guest stays, the job and audit say why", async () => {
    await updateCluster(ctxOf(admin), {
      clusterId,
      name: "policy-test",
      migrationsPerHost: 2,
      migrationBandwidthMiBs: 1,
      migrationStallSeconds: 3,
    });
    const guest = await runningGuest("stall");
    const started = await migrateGuest(ctxOf(admin), { hostId: localId, uuid: guest.uuid, ...live() });
    await until("the copy", async () => (await detailOf(started))?.phase === "copying");
    // A real stall: the destination's QEMU stops reading, so the source's copy backs up and nothing more leaves.
    const both = execFileSync("pgrep", ["-f", `guest=${guest.name},`])
      .toString()
      .trim()
      .split("\n");
    const paused = both.filter((pid) => execFileSync("ps", ["-o", "args=", "-p", pid]).toString().includes(" -incoming "));
    expect(paused.length).toBe(1);
    execFileSync("kill", ["-STOP", paused[0]]);
    try {
      // Long enough for the socket buffers to fill and the 3 s to pass (the abort is issued then); the destination
      // runs again afterwards, as its libvirtd must answer the source's clean-up before the migration call returns.
      await new Promise((r) => setTimeout(r, 10_000));
    } finally {
      execFileSync("kill", ["-CONT", paused[0]], { stdio: "ignore" });
    }
    const job = await jobFinished(started, admin.id, { timeoutMs: 60_000, pollMs: 200 });
    expect(job.status).toBe("failed");
    expect(job.error).toBe(
      `Aborted by the cluster's migration policy: the data left to copy did not shrink for 3 s; ${guest.name} stays on local.`,
    );
    expect((await lv.domains.state(guest.dom)).state).toBe(DomainState.RUNNING);
    const rows = (await tc.auditRows("guest.migrate")).filter((r) => r.target.includes(guest.name));
    expect(rows.map((r) => [r.result, (JSON.parse(r.details) as { error?: string }).error])).toEqual([
      ["error", expect.stringContaining("did not shrink for 3 s")],
      ["error", expect.stringContaining("did not shrink for 3 s")],
    ]);
  }, 180_000);

  it("refuses a negative bandwidth and 0 migrations at once, each on its field", async () => {
    await expect(
      updateCluster(ctxOf(admin), { clusterId, name: "policy-test", migrationBandwidthMiBs: -1, migrationsPerHost: 0 }),
    ).rejects.toMatchObject({
      issues: [
        expect.objectContaining({ path: ["migrationsPerHost"], message: "atLeastOneMigration" }),
        expect.objectContaining({ path: ["migrationBandwidthMiBs"], message: "unlimitedOrMoreMiBs" }),
      ],
    });
  });
});
