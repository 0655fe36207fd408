// A live migration whose console instance is killed (SIGKILL) mid-copy, with the console on PostgreSQL as
// several instances would share it: libvirt carries the peer-to-peer migration on, and this test process,
// a live instance, takes the job over, reattaches to libvirt's job on the source host (progress goes on,
// the bandwidth limit can be raised) and follows it to the end: done, the guest runs on the peer, both
// hosts audited.
import { spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MigrationProgress, MigrationResult } from "@/lib/guests/migration-types";
import { Libvirt } from "@/lib/libvirt";
import { DomainState } from "@/lib/libvirt/api/domains";
import type { Actor } from "@/lib/server/auth/session";
import { bus } from "@/lib/server/cluster/bus";
import { instanceId, startInstance, stopInstance } from "@/lib/server/cluster/instance";
import { db } from "@/lib/server/db";
import { setMigrationSpeed } from "@/lib/server/guests/migration/set-migration-speed";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { handOverJobs, startJobService } from "@/lib/server/jobs/service";
import { migrationOptionsSchema } from "@/lib/validations/migration";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { startJobInstance } from "../../helpers/job-instance";
import { jobFinished } from "../../helpers/jobs";
import { runInGuest } from "../../helpers/guest-shell";
import { startPeerDaemon, type PeerDaemon } from "../../helpers/peer-daemon";
import { postgresBinDir, startPostgres } from "../../helpers/postgres";
import { removeGuests, startPersistentTestGuest } from "../../helpers/test-guest";
import { ctxOf } from "../../helpers/verb-context";

let pg: { url: string; stop: () => Promise<void> };
let tc: TestConsole;
let peer: PeerDaemon;
let peerWasRunning = false;
let admin: Actor;
let localId: string;
let peerId: string;
let lv: Libvirt;
let peerLv: Libvirt;
let child: ChildProcess | undefined;
const made: string[] = [];

const PEER_SCRIPT = path.resolve(__dirname, "../../../scripts/test-peer/peer-daemon.sh");

/** The job's row as the database holds it, with its progress details read. */
async function jobRow(id: string) {
  const row = await db().job.findUniqueOrThrow({ where: { id } });
  return { ...row, progress: (row.detail ? JSON.parse(row.detail) : {}) as MigrationProgress };
}

async function until<T>(check: () => Promise<T>, what: string, timeoutMs = 90_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`still waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  const bin = postgresBinDir();
  if (!bin) throw new Error("PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)");
  pg = await startPostgres(bin);
  tc = await startTestConsole({ databaseUrl: pg.url });
  // Other suites may be using a running peer: it is stopped at the end only if this file started it.
  peerWasRunning = spawnSync("bash", [PEER_SCRIPT, "status"]).stdout.toString().startsWith("running");
  peer = await startPeerDaemon();
  admin = await tc.actor();
  localId = await tc.addHost("local", "qemu:///system");
  peerId = await tc.addHost("peer", peer.uri);
  lv = await Libvirt.open("qemu:///system");
  peerLv = await Libvirt.open(peer.uri);
});

afterAll(async () => {
  child?.kill("SIGKILL");
  await handOverJobs();
  await stopInstance();
  await removeGuests(lv, made).catch(() => undefined);
  await removeGuests(peerLv, made).catch(() => undefined);
  await lv?.close();
  await peerLv?.close();
  await hostPool().closeAll();
  await bus().close();
  await tc?.cleanup();
  await pg?.stop();
  if (!peerWasRunning) await peer?.stop();
});

describe("a migration whose console instance dies", () => {
  it("is reattached by a live instance on libvirt's job, followed with progress, and ends done on the peer", async () => {
    const guest = await startPersistentTestGuest(lv, { namePrefix: "vc-jobs-mig", memoryMiB: 128, bootTimeoutMs: 240_000 });
    made.push(guest.name);
    // 40 MB of memory that is not zeros: at 1 MiB/s the copy lasts well past the takeover.
    await runInGuest(lv, guest.dom, "head -c 40000000 /dev/urandom > /tmp/fill; echo filled", { timeoutMs: 120_000 });
    const uuid = (await lv.domains.list()).find((d) => d.name === guest.name)!.uuid;
    const options = migrationOptionsSchema.parse({ destinationHostId: peerId, mode: "live", bandwidthMiBs: 1 });
    const started = await startJobInstance({ verb: "migrate", actorId: admin.id, hostId: localId, uuid, options });
    child = started.child;

    const before = await until(async () => {
      const row = await jobRow(started.job.id);
      expect(row.status).toBe("running");
      return row.progress.phase === "copying" && (row.progress.dataProcessed ?? 0) > 0 ? row : null;
    }, "the copy to be under way");
    child.kill("SIGKILL");
    await new Promise((r) => child!.once("exit", r));
    // libvirt carries on without the instance that asked for the migration.
    expect((await lv.domains.jobStats(guest.dom)).type).not.toBe(0);

    await startInstance("test:migration-takeover");
    await startJobService();
    const after = await until(async () => {
      const row = await jobRow(started.job.id);
      return row.instanceId === instanceId() && (row.progress.dataProcessed ?? 0) > (before.progress.dataProcessed ?? 0) ? row : null;
    }, "the new owner's progress");
    expect(after).toMatchObject({ status: "running", handedOverAt: null });
    expect(after.total).toBeGreaterThan(0);

    // The migration is still libvirt's: its limit can be raised, and it completes.
    await setMigrationSpeed(ctxOf(admin), { hostId: localId, uuid, bandwidthMiBs: 1000 });
    const job = await jobFinished(started.job, admin.id, { timeoutMs: 180_000, pollMs: 200 });
    expect(job.error).toBeUndefined();
    expect(job.status).toBe("done");
    expect(job.result as MigrationResult).toEqual({ hostId: peerId, uuid, name: guest.name });
    const there = await peerLv.domains.lookupByName(guest.name);
    expect((await peerLv.domains.state(there)).state).toBe(DomainState.RUNNING);
    expect(await lv.domains.lookupByName(guest.name).catch(() => null)).toBeNull();

    const migrated = await tc.auditRows("guest.migrate");
    expect(migrated.map((r) => [r.result, r.target.split("/")[0]])).toEqual([
      ["ok", "guest:local"],
      ["ok", "guest:peer"],
    ]);
    expect((await tc.auditRows("job.takeover")).map((r) => r.result)).toEqual(["ok"]);
  }, 480_000);
});
