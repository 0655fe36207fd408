// Migration between this machine's libvirtd and a second one in its own namespaces (tests/helpers/
// peer-daemon.ts), through the server verbs: live (the guest's shell answers on the peer), offline,
// a cancelled live migration that leaves the guest running where it was, and a bandwidth limit raised
// while the copy runs.
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import { DomainState } from "@/lib/libvirt/api/domains";
import type { MigrationProgress, MigrationResult } from "@/lib/guests/migration-types";
import type { JobView } from "@/lib/jobs/types";
import type { Actor } from "@/lib/server/auth/session";
import { checkMigration } from "@/lib/server/guests/migration/preflight";
import { migrateGuest } from "@/lib/server/guests/migration/migrate-guest";
import { setMigrationSpeed } from "@/lib/server/guests/migration/set-migration-speed";
import { jobs } from "@/lib/server/jobs/jobs";
import { migrationOptionsSchema, type MigrationOptionsInput } from "@/lib/validations/migration";
import { jobFinished } from "../../helpers/jobs";
import type { TestConsole } from "../../helpers/console-db";
import { runInGuest } from "../../helpers/guest-shell";
import { PEER_STATE_DIR, type PeerDaemon } from "../../helpers/peer-daemon";
import { ensureTestGuestImage, resolveVirtType, startPersistentTestGuest, testGuestXml, uniqueGuestName } from "../../helpers/test-guest";
import { startTwoHosts, stopTwoHosts } from "../../helpers/two-hosts";
import { ctxOf } from "../../helpers/verb-context";

let tc: TestConsole;
let peer: PeerDaemon;
let admin: Actor;
let localId: string;
let peerId: string;
let lv: Libvirt;
let peerLv: Libvirt;
const made: string[] = [];

const options = (o: Partial<MigrationOptionsInput> = {}) => migrationOptionsSchema.parse({ destinationHostId: peerId, mode: "live", ...o });

const finished = (job: JobView, timeoutMs = 120_000) => jobFinished(job, admin.id, { timeoutMs, pollMs: 200 });

const stateOn = async (conn: Libvirt, name: string) => {
  const dom = await conn.domains.lookupByName(name).catch(() => null);
  return dom ? (await conn.domains.state(dom)).state : null;
};

/** Waits until libvirt reports the copy under way (its statistics reach the job). */
async function copyingUnderWay(started: JobView): Promise<MigrationProgress> {
  const deadline = Date.now() + 60_000;
  let progress: MigrationProgress | undefined;
  while (Date.now() < deadline) {
    const now = (await jobs().get(started.id, admin.id))!;
    expect(now.status).toBe("running");
    progress = now.detail as MigrationProgress | undefined;
    if (progress?.phase === "copying" && (progress.dataProcessed ?? 0) > 0) return progress;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the migration's copy did not start: ${JSON.stringify(progress)}`);
}

beforeAll(async () => {
  ({ tc, peer, admin, localId, peerId, lv, peerLv } = await startTwoHosts());
});

afterAll(() => stopTwoHosts({ tc, peer, lv, peerLv }, made));

describe("migration to a second libvirtd", () => {
  it("moves a running guest live: it runs on the destination, its shell answers there, and it is gone from the source", async () => {
    const guest = await startPersistentTestGuest(lv, { namePrefix: "vc-mig-live", memoryMiB: 128 });
    made.push(guest.name);
    const uuid = (await lv.domains.list()).find((d) => d.name === guest.name)!.uuid;
    await runInGuest(lv, guest.dom, "echo before > /tmp/mark");

    const check = await checkMigration(ctxOf(admin), { hostId: localId, uuid, ...options() });
    expect(check.problems.filter((p) => p.severity === "blocking")).toEqual([]);
    expect(check.peerUri).toBe("qemu+tcp://10.77.0.2/system");

    const job = await finished(
      await migrateGuest(ctxOf(admin), {
        hostId: localId,
        uuid,
        ...options({ persistent: true, undefineSource: true, migrateUri: "tcp://10.77.0.2" }),
      }),
    );
    expect(job.error).toBeUndefined();
    expect(job.status).toBe("done");
    expect(job.result as MigrationResult).toEqual({ hostId: peerId, uuid, name: guest.name });

    expect(await stateOn(peerLv, guest.name)).toBe(DomainState.RUNNING);
    expect(await stateOn(lv, guest.name)).toBeNull();
    const there = await peerLv.domains.lookupByName(guest.name);
    expect(await peerLv.domains.isPersistent(there)).toBe(true);
    // Same memory: what the guest wrote before the move is still there.
    expect((await runInGuest(peerLv, there, "cat /tmp/mark")).trim()).toBe("before");

    const rows = await tc.auditRows("guest.migrate");
    expect(rows.map((r) => [r.result, r.target.split("/")[0]])).toEqual([
      ["ok", "guest:local"],
      ["ok", "guest:peer"],
    ]);
  });

  it("copies a disk that is not on shared storage into the destination's pool during a live migration", async () => {
    const disk = `/var/lib/libvirt/images/${uniqueGuestName("vc-mig-disk")}.img`;
    execFileSync("truncate", ["-s", "8M", disk]);
    try {
      // The peer's /var/lib/libvirt is its own: a pool there for the same directory receives the copy.
      const pool = await peerLv.storage.definePool(
        "<pool type='dir'><name>images</name><target><path>/var/lib/libvirt/images</path></target></pool>",
      );
      await peerLv.storage.buildPool(pool);
      await peerLv.storage.startPool(pool);
      const guest = await startPersistentTestGuest(lv, {
        namePrefix: "vc-mig-disk",
        memoryMiB: 128,
        extraDevices: `<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='${disk}'/><target dev='vda' bus='virtio'/></disk>`,
      });
      made.push(guest.name);
      const uuid = (await lv.domains.list()).find((d) => d.name === guest.name)!.uuid;
      await runInGuest(lv, guest.dom, "echo copied-disk-marker | dd of=/dev/vda conv=fsync 2>/dev/null; echo ok");

      const shared = await checkMigration(ctxOf(admin), { hostId: localId, uuid, ...options() });
      expect(shared.problems.filter((p) => p.topic === "disk").map((p) => p.message)).toEqual([
        expect.stringContaining("does not exist on peer"),
      ]);
      const job = await finished(await migrateGuest(ctxOf(admin), { hostId: localId, uuid, ...options({ copyStorage: true }) }));
      expect(job.error).toBeUndefined();
      expect(job.status).toBe("done");
      const there = await peerLv.domains.lookupByName(guest.name);
      expect((await runInGuest(peerLv, there, "head -c 18 /dev/vda")).trim()).toBe("copied-disk-marker");
      // The copy is a file in the peer's own /var/lib/libvirt (under its state directory here).
      expect(
        readFileSync(`${PEER_STATE_DIR}/lib/images/${path.basename(disk)}`)
          .subarray(0, 18)
          .toString(),
      ).toBe("copied-disk-marker");
    } finally {
      rmSync(disk, { force: true });
    }
  });

  it("moves a shut-off guest's definition offline", async () => {
    const name = uniqueGuestName("vc-mig-off");
    made.push(name);
    const dom = await lv.domains.define(testGuestXml(name, ensureTestGuestImage(), 96, await resolveVirtType(lv)));
    const uuid = (await lv.domains.list()).find((d) => d.name === name)!.uuid;

    const job = await finished(
      await migrateGuest(ctxOf(admin), { hostId: localId, uuid, ...options({ mode: "offline", undefineSource: true }) }),
    );
    expect(job.error).toBeUndefined();
    expect(job.status).toBe("done");
    expect(await stateOn(peerLv, name)).toBe(DomainState.SHUTOFF);
    expect(await peerLv.domains.isPersistent(await peerLv.domains.lookupByName(name))).toBe(true);
    expect(await lv.domains.lookupByUuid(dom.uuid).catch(() => null)).toBeNull();
  });

  it("keeps the source definition when asked, and refuses a live migration of a shut-off guest", async () => {
    const name = uniqueGuestName("vc-mig-keep");
    made.push(name);
    await lv.domains.define(testGuestXml(name, ensureTestGuestImage(), 96, await resolveVirtType(lv)));
    const uuid = (await lv.domains.list()).find((d) => d.name === name)!.uuid;

    await expect(migrateGuest(ctxOf(admin), { hostId: localId, uuid, ...options({ mode: "live" }) })).rejects.toThrow(
      /is not running: choose an offline migration/,
    );
    const job = await finished(
      await migrateGuest(ctxOf(admin), { hostId: localId, uuid, ...options({ mode: "offline", undefineSource: false }) }),
    );
    expect(job.status).toBe("done");
    expect(await stateOn(peerLv, name)).toBe(DomainState.SHUTOFF);
    expect(await stateOn(lv, name)).toBe(DomainState.SHUTOFF);
  });

  it("cancels a slow live migration: the guest keeps running on the source and nothing is left on the destination", async () => {
    const guest = await startPersistentTestGuest(lv, { namePrefix: "vc-mig-cancel", memoryMiB: 128 });
    made.push(guest.name);
    const uuid = (await lv.domains.list()).find((d) => d.name === guest.name)!.uuid;

    const started = await migrateGuest(ctxOf(admin), { hostId: localId, uuid, ...options({ bandwidthMiBs: 1 }) });
    const progress = await copyingUnderWay(started);
    expect(progress.dataTotal).toBeGreaterThan(progress.dataProcessed ?? 0);
    expect(progress.dataRemaining).toBeGreaterThan(0);
    expect(await jobs().cancel(started.id, admin.id)).toMatchObject({ id: started.id });

    const job = await finished(started);
    expect(job.status).toBe("cancelled");
    expect(job.error).toMatch(/cancel/i);
    expect(await stateOn(lv, guest.name)).toBe(DomainState.RUNNING);
    expect(await stateOn(peerLv, guest.name)).toBeNull();
    expect((await runInGuest(lv, guest.dom, "echo still-here")).trim()).toBe("still-here");
    const rows = (await tc.auditRows("guest.migrate")).filter((r) => r.target.includes(guest.name));
    expect(rows.map((r) => r.result)).toEqual(["error", "error"]);
  });

  it("raises the bandwidth limit of a running migration, which then completes; refuses when none runs", async () => {
    const guest = await startPersistentTestGuest(lv, { namePrefix: "vc-mig-speed", memoryMiB: 128 });
    made.push(guest.name);
    const uuid = (await lv.domains.list()).find((d) => d.name === guest.name)!.uuid;
    await expect(setMigrationSpeed(ctxOf(admin), { hostId: localId, uuid, bandwidthMiBs: 100 })).rejects.toMatchObject({
      status: 409,
      message: "No migration of this guest is running",
    });

    const started = await migrateGuest(ctxOf(admin), { hostId: localId, uuid, ...options({ bandwidthMiBs: 1 }) });
    await copyingUnderWay(started);
    expect(await lv.domains.migrationMaxSpeed(guest.dom)).toBe(1n);
    expect(await setMigrationSpeed(ctxOf(admin), { hostId: localId, uuid, bandwidthMiBs: 1000 })).toEqual({ bandwidthMiBs: 1000 });
    // Read back from QEMU's migration parameters while the copy runs.
    expect(await lv.domains.migrationMaxSpeed(guest.dom)).toBe(1000n);

    const job = await finished(started);
    expect(job.error).toBeUndefined();
    expect(await stateOn(peerLv, guest.name)).toBe(DomainState.RUNNING);
    const rows = (await tc.auditRows("guest.migrate.speed")).filter((r) => r.target.includes(guest.name));
    expect(rows.map((r) => [r.result, JSON.parse(r.details).bandwidthMiBs])).toEqual([
      ["error", 100],
      ["ok", 1000],
    ]);
  });
});
