// Snapshots on the real libvirtd with a real guest (tiny kernel + busybox, a 16 MiB qcow2 disk): the
// round trip where a file written in the guest after the snapshot is gone after revert, the tree
// and the current mark, description edits, deletes with and without children, an external
// disk-only snapshot's overlay, and the refusals libvirt 9.0 would give, said first and clearly.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobView } from "@/lib/jobs/types";
import { Libvirt, uuidToString } from "@/lib/libvirt";
import { VirDomainSnapshotDeleteFlags } from "@/lib/libvirt/generated/flags";
import type { Actor } from "@/lib/server/auth/session";
import { deleteGuest } from "@/lib/server/guests/delete-guest";
import { createSnapshot } from "@/lib/server/guests/snapshots/create-snapshot";
import { deleteSnapshot } from "@/lib/server/guests/snapshots/delete-snapshot";
import { editSnapshot } from "@/lib/server/guests/snapshots/edit-snapshot";
import { listSnapshots } from "@/lib/server/guests/snapshots/list-snapshots";
import { revertSnapshot } from "@/lib/server/guests/snapshots/revert-snapshot";
import { readSnapshotScreenshot } from "@/lib/server/guests/snapshots/snapshot-screens";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { createSnapshotSchema } from "@/lib/validations/snapshots";
import { jobFinished } from "../../helpers/jobs";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { runInGuest } from "../../helpers/guest-shell";
import { startPersistentTestGuest, type RunningTestGuest } from "../../helpers/test-guest";
import { ctxOf } from "../../helpers/verb-context";

const { VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY: METADATA_ONLY } = VirDomainSnapshotDeleteFlags;
const ip = "127.0.0.1";
const dir = mkdtempSync(path.join(tmpdir(), "vc-snap-"));
// QEMU (user libvirt-qemu) must reach the guest's disk inside.
chmodSync(dir, 0o755);
const disk = path.join(dir, "disk.qcow2");
let tc: TestConsole;
let admin: Actor;
let hostId: string;
let lv: Libvirt;
let guest: RunningTestGuest;
let uuid: string;

const finished = (job: JobView) => jobFinished(job, admin.id);
const create = async (name: string, kind = "internal", description = "") =>
  finished(await createSnapshot(ctxOf(admin, ip), { hostId, uuid, ...createSnapshotSchema.parse({ name, kind, description }) }));
const revert = async (name: string) => finished(await revertSnapshot(ctxOf(admin, ip), { hostId, uuid, name }));
const remove = async (name: string, withChildren = false) =>
  finished(await deleteSnapshot(ctxOf(admin, ip), { hostId, uuid, name, withChildren }));
const list = () => listSnapshots(ctxOf(admin), { hostId, uuid });
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => "no refusal",
    (e: Error & { status?: number }) => `${e.status}: ${e.message}`,
  );
const diskSources = () => execFileSync("virsh", ["-c", "qemu:///system", "domblklist", guest.name], { encoding: "utf8" });

beforeAll(async () => {
  tc = await startTestConsole();
  admin = await tc.actor();
  hostId = await tc.addHost("local", "qemu:///system");
  lv = await Libvirt.open("qemu:///system");
  execFileSync("qemu-img", ["create", "-q", "-f", "qcow2", disk, "16M"]);
  guest = await startPersistentTestGuest(lv, {
    namePrefix: "vc-snap",
    memoryMiB: 128,
    extraDevices: `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${disk}'/><target dev='vda' bus='virtio'/></disk>`,
  });
  uuid = uuidToString(guest.dom.uuid);
}, 180_000);

afterAll(async () => {
  if (guest) {
    // Metadata only: the external overlay files go with the directory.
    for (const snap of await lv.domains.listSnapshots(guest.dom).catch(() => []))
      await lv.domains.deleteSnapshot(snap, METADATA_ONLY).catch(() => undefined);
    await guest.cleanup();
  }
  await lv?.close();
  await hostPool().closeAll();
  await tc.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe("snapshots of a running guest", () => {
  it("offers all three kinds for a running guest with a qcow2 disk", async () => {
    const { snapshots, options, libvirtVersion } = await list();
    expect(snapshots).toEqual([]);
    expect(options).toEqual({
      internal: { available: true },
      "external-disk": { available: true },
      "external-memory": { available: true },
    });
    expect(libvirtVersion).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("reverts to an internal snapshot: a marker written after it is gone", async () => {
    expect(await create("before marker", "internal", "clean state")).toMatchObject({ status: "done" });
    expect(await runInGuest(lv, guest.dom, "echo written > /tmp/marker; cat /tmp/marker")).toContain("written");

    expect(await revert("before marker")).toMatchObject({ status: "done" });
    expect((await runInGuest(lv, guest.dom, "test -e /tmp/marker && echo present || echo absent")).trim()).toBe("absent");

    const [snap] = (await list()).snapshots;
    expect(snap).toMatchObject({
      name: "before marker",
      parent: null,
      description: "clean state",
      state: "running",
      kind: "internal",
      current: true,
      hasScreenshot: true,
    });
    expect((await readSnapshotScreenshot(hostId, uuid, "before marker"))!.subarray(1, 4).toString()).toBe("PNG");
    expect((await tc.auditRows("snapshot.revert")).map((r) => r.result)).toEqual(["ok"]);
  }, 120_000);

  it("builds the tree with the current one marked and keeps it current when its description changes", async () => {
    await create("child");
    await create("grandchild");
    await revert("before marker");
    await create("second child");
    const byName = Object.fromEntries((await list()).snapshots.map((s) => [s.name, s]));
    expect(byName["child"]).toMatchObject({ parent: "before marker", current: false });
    expect(byName["grandchild"]).toMatchObject({ parent: "child", current: false });
    expect(byName["second child"]).toMatchObject({ parent: "before marker", current: true });

    await editSnapshot(ctxOf(admin, ip), { hostId, uuid, name: "second child", description: "after the revert" });
    await editSnapshot(ctxOf(admin, ip), { hostId, uuid, name: "child", description: "" });
    const edited = Object.fromEntries((await list()).snapshots.map((s) => [s.name, s]));
    expect(edited["second child"]).toMatchObject({ description: "after the revert", current: true, parent: "before marker" });
    expect(edited["child"]).toMatchObject({ description: "", current: false });
  }, 120_000);

  it("deletes one snapshot, then one with its children, with their pictures", async () => {
    expect(await remove("grandchild")).toMatchObject({ status: "done" });
    expect((await list()).snapshots.map((s) => s.name).sort()).toEqual(["before marker", "child", "second child"]);
    expect(await readSnapshotScreenshot(hostId, uuid, "grandchild")).toBeNull();

    expect(await remove("before marker", true)).toMatchObject({
      status: "done",
      result: { deleted: expect.arrayContaining(["before marker", "child", "second child"]) },
    });
    expect((await list()).snapshots).toEqual([]);
    expect(await readSnapshotScreenshot(hostId, uuid, "child")).toBeNull();
  }, 120_000);

  it("refuses a taken name and an unknown snapshot clearly", async () => {
    await create("taken");
    expect(
      await refusal(createSnapshot(ctxOf(admin, ip), { hostId, uuid, ...createSnapshotSchema.parse({ name: "taken", kind: "internal" }) })),
    ).toMatch(/^409: .* already has a snapshot named taken/);
    expect(await refusal(revertSnapshot(ctxOf(admin, ip), { hostId, uuid, name: "nope" }))).toBe("404: Snapshot not found");
    expect(await remove("taken")).toMatchObject({ status: "done" });
  }, 60_000);

  it("takes an external disk-only snapshot onto an overlay, refuses to revert it on libvirt < 9.7 and merges it back on delete", async () => {
    expect(await create("ext", "external-disk")).toMatchObject({ status: "done" });
    const overlay = path.join(dir, "disk.ext.qcow2");
    expect(existsSync(overlay)).toBe(true);
    expect(diskSources()).toContain(overlay);
    expect((await list()).snapshots[0]).toMatchObject({
      name: "ext",
      kind: "external-disk",
      state: "disk-snapshot",
      files: [overlay],
      current: true,
    });

    const { libvirtVersion } = await list();
    if (/^(\d|[0-8]\.|9\.[0-6]\.)/.test(libvirtVersion)) {
      expect(await refusal(revertSnapshot(ctxOf(admin, ip), { hostId, uuid, name: "ext" }))).toMatch(
        /^409: libvirt .* cannot revert to external snapshots/,
      );
    }
    // An internal snapshot under an external one: libvirt cannot delete them together.
    await create("inside");
    expect(await refusal(deleteSnapshot(ctxOf(admin, ip), { hostId, uuid, name: "ext", withChildren: true }))).toMatch(
      /^409: libvirt can only delete an external snapshot that has no children/,
    );
    expect(await refusal(deleteSnapshot(ctxOf(admin, ip), { hostId, uuid, name: "ext", withChildren: false }))).toMatch(
      /^409: libvirt can only delete an external snapshot that has no children/,
    );
    await remove("inside");

    expect(await remove("ext")).toMatchObject({ status: "done" });
    expect(diskSources()).not.toContain(overlay);
    expect(diskSources()).toContain(disk);
  }, 120_000);

  it("refuses an overlay whose file already exists in a storage pool, even one made outside libvirt", async () => {
    const pool = await lv.storage.definePool(
      `<pool type='dir'><name>vc-snap-${process.pid}</name><target><path>${dir}</path></target></pool>`,
    );
    try {
      await lv.storage.startPool(pool);
      execFileSync("qemu-img", ["create", "-q", "-f", "qcow2", path.join(dir, "disk.clash.qcow2"), "1M"]);
      expect(
        await refusal(
          createSnapshot(ctxOf(admin, ip), { hostId, uuid, ...createSnapshotSchema.parse({ name: "clash", kind: "external-disk" }) }),
        ),
      ).toBe(`409: ${path.join(dir, "disk.clash.qcow2")} already exists; rename or remove it, or choose another snapshot name`);
      expect((await list()).snapshots).toEqual([]);
    } finally {
      await lv.storage.stopPool(pool).catch(() => undefined);
      await lv.storage.undefinePool(pool).catch(() => undefined);
    }
  }, 60_000);

  it("shows libvirt's own message when libvirt refuses", async () => {
    // An internal snapshot, then an overlay on top: the internal one's disk is no longer the one in use,
    // which libvirt (not the console) refuses to delete while the guest runs.
    await create("old");
    await create("ext2", "external-disk");
    expect(await refusal(deleteSnapshot(ctxOf(admin, ip), { hostId, uuid, name: "ext2", withChildren: false }))).toBe(
      "409: libvirt cannot delete an external snapshot whose parent is an internal snapshot.",
    );
    const job = await remove("old");
    expect(job.status).toBe("failed");
    expect(job.error).toMatch(/disk image 'vda' for internal snapshot 'old' is not the same as disk image currently used by VM/);
    expect((await list()).snapshots.map((s) => s.name).sort()).toEqual(["ext2", "old"]);
    expect((await tc.auditRows("snapshot.delete")).at(-1)).toMatchObject({ result: "error" });
    for (const snap of await lv.domains.listSnapshots(guest.dom)) await lv.domains.deleteSnapshot(snap, METADATA_ONLY);
  }, 60_000);

  it("takes an external snapshot with memory: a memory file and overlays, and the guest keeps running", async () => {
    const before = diskSources();
    expect(await create("with memory", "external-memory", "RAM too")).toMatchObject({ status: "done" });
    const [snap] = (await list()).snapshots;
    expect(snap).toMatchObject({
      name: "with memory",
      kind: "external-memory",
      state: "running",
      description: "RAM too",
      current: true,
      hasScreenshot: true,
    });
    const memoryFile = path.join(dir, `${guest.name}.with_memory.mem`);
    expect(snap.files).toContain(memoryFile);
    expect(existsSync(memoryFile)).toBe(true);
    expect(diskSources()).toMatch(/\.with_memory\.qcow2/);
    expect((await lv.domains.info(guest.dom)).state).toBe(1);
    expect(await remove("with memory")).toMatchObject({ status: "done" });
    expect(diskSources()).toBe(before);
  }, 90_000);

  it("refuses memory snapshots of a shut-off guest with the reason", async () => {
    await lv.domains.destroy(guest.dom);
    const { options } = await list();
    // The reason as a key the dialog words (messages "snapshotWords").
    expect(options["external-memory"]).toEqual({ available: false, reason: { key: "memoryNotRunning" } });
    expect(
      await refusal(
        createSnapshot(ctxOf(admin, ip), { hostId, uuid, ...createSnapshotSchema.parse({ name: "mem", kind: "external-memory" }) }),
      ),
    ).toBe("409: External with memory snapshot not possible: Memory can only be saved while the guest is running or paused.");
    expect(await create("off", "internal")).toMatchObject({ status: "done" });
    expect((await list()).snapshots.find((s) => s.name === "off")).toMatchObject({ state: "shutoff", hasScreenshot: false });
  }, 60_000);

  it("deleting the guest with its snapshots deletes their pictures too", async () => {
    await lv.domains.start(guest.dom);
    expect(await create("last")).toMatchObject({ status: "done" });
    expect(await readSnapshotScreenshot(hostId, uuid, "last")).not.toBeNull();
    await deleteGuest(ctxOf(admin, ip), { hostId, uuid, removeVolumes: [], removeSnapshots: true, removeNvram: true });
    expect(await readSnapshotScreenshot(hostId, uuid, "last")).toBeNull();
  }, 60_000);
});
