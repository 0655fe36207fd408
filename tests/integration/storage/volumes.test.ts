// Volumes on the real libvirtd, in a dir pool of their own: create (sparse, allocated, overlay) as
// jobs with progress, space checks, resize, clone, in-use protection, upload with read-back
// verification, a cancelled upload that leaves nothing, and download.
import { createHash, randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough, Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import type { JobView } from "@/lib/jobs/types";
import type { Actor } from "@/lib/server/auth/session";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { cloneVolume } from "@/lib/server/storage/clone-volume";
import { createPool } from "@/lib/server/storage/create-pool";
import { createVolume } from "@/lib/server/storage/create-volume";
import { deletePool } from "@/lib/server/storage/delete-pool";
import { deleteVolume } from "@/lib/server/storage/delete-volume";
import { downloadVolume } from "@/lib/server/storage/download-volume";
import { poolDetail } from "@/lib/server/storage/pool-detail";
import { resizeVolume } from "@/lib/server/storage/resize-volume";
import { uploadVolume } from "@/lib/server/storage/upload-volume";
import { createPoolRequestSchema, createVolumeSchema } from "@/lib/validations/storage";
import { jobFinished } from "../../helpers/jobs";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { ensureTestGuestImage, testGuestXml, uniqueGuestName } from "../../helpers/test-guest";
import { ctxOf } from "../../helpers/verb-context";

const MiB = 1024 * 1024;
let tc: TestConsole;
let admin: Actor;
let hostId: string;
let lv: Libvirt;
const pool = `it-vols-${Date.now().toString(36)}`;
const dir = mkdtempSync(path.join(tmpdir(), "vc-vols-"));
// QEMU (user libvirt-qemu) must reach the guest's disk inside.
chmodSync(dir, 0o755);
const ip = "127.0.0.1";

const finished = (job: JobView) => jobFinished(job, admin.id, { pollMs: 50 });
const create = async (raw: Record<string, unknown>) =>
  finished(await createVolume(ctxOf(admin, ip), { hostId, pool, ...createVolumeSchema.parse(raw) }));
const volume = async (name: string) => (await poolDetail(ctxOf(admin), { hostId, pool })).volumes.find((v) => v.name === name);

beforeAll(async () => {
  tc = await startTestConsole();
  admin = await tc.actor();
  hostId = await tc.addHost("local", "qemu:///system");
  lv = await Libvirt.open("qemu:///system");
  await createPool(ctxOf(admin, ip), {
    hostId,
    ...createPoolRequestSchema.parse({ type: "dir", name: pool, targetPath: path.join(dir, "pool"), autostart: false }),
  });
});

afterAll(async () => {
  await deletePool(ctxOf(admin, ip), { hostId, pool, deleteData: false }).catch(() => undefined);
  await lv?.close();
  await hostPool().closeAll();
  await tc.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe("creating volumes", () => {
  it("makes a sparse qcow2, and a fully allocated raw volume with progress up to its size", async () => {
    expect(await create({ name: "sparse.qcow2", format: "qcow2", capacityBytes: 256 * MiB })).toMatchObject({ status: "done" });
    expect(await volume("sparse.qcow2")).toMatchObject({ format: "qcow2", capacityBytes: 256 * MiB, usedBy: [] });
    expect((await volume("sparse.qcow2"))!.allocationBytes).toBeLessThan(2 * MiB);
    // Version 3 of qcow2 (bytes 4–7 of its header), which can keep the changed-block bitmaps incremental backups need.
    expect(readFileSync(path.join(dir, "pool", "sparse.qcow2")).readUInt32BE(4)).toBe(3);

    const done = await create({ name: "full.raw", format: "raw", capacityBytes: 32 * MiB, allocateNow: true });
    expect(done).toMatchObject({ status: "done", done: 32 * MiB, total: 32 * MiB });
    expect((await volume("full.raw"))!.allocationBytes).toBeGreaterThanOrEqual(32 * MiB);
    expect((await tc.auditRows("volume.create")).map((r) => r.result)).toEqual(["ok", "ok"]);
  });

  it("makes a qcow2 overlay on a base volume", async () => {
    await create({ name: "overlay.qcow2", format: "qcow2", capacityBytes: 256 * MiB, backingVolume: "sparse.qcow2" });
    expect((await volume("overlay.qcow2"))!.backingPath).toBe(path.join(dir, "pool", "sparse.qcow2"));
  });

  it("refuses a taken name, more than the pool holds, and a sparse volume past free space unless confirmed", async () => {
    await expect(create({ name: "sparse.qcow2", capacityBytes: MiB })).rejects.toThrow(`${pool} already has a volume named sparse.qcow2`);
    const free = (await poolDetail(ctxOf(admin), { hostId, pool })).pool.availableBytes;
    const tooBig = Math.floor((free + 1024 ** 3) / MiB) * MiB;
    await expect(create({ name: "huge.raw", format: "raw", capacityBytes: tooBig, allocateNow: true })).rejects.toThrow(
      /free; allocating this volume now needs/,
    );
    await expect(create({ name: "huge.qcow2", capacityBytes: tooBig })).rejects.toThrow(/confirm to create it anyway/);
    expect(await create({ name: "huge.qcow2", capacityBytes: tooBig, overcommit: true })).toMatchObject({ status: "done" });
  });
});

describe("changing volumes", () => {
  it("grows a volume, shrinks raw only when confirmed, and never shrinks qcow2", async () => {
    await resizeVolume(ctxOf(admin, ip), { hostId, pool, volume: "sparse.qcow2", capacityBytes: 512 * MiB, confirmShrink: false });
    expect((await volume("sparse.qcow2"))!.capacityBytes).toBe(512 * MiB);
    await expect(
      resizeVolume(ctxOf(admin, ip), { hostId, pool, volume: "sparse.qcow2", capacityBytes: 128 * MiB, confirmShrink: true }),
    ).rejects.toThrow("Only raw volumes can be shrunk");
    await create({ name: "thin.raw", format: "raw", capacityBytes: 32 * MiB });
    await expect(
      resizeVolume(ctxOf(admin, ip), { hostId, pool, volume: "thin.raw", capacityBytes: 16 * MiB, confirmShrink: false }),
    ).rejects.toThrow(/confirm to shrink/);
    await resizeVolume(ctxOf(admin, ip), { hostId, pool, volume: "thin.raw", capacityBytes: 16 * MiB, confirmShrink: true });
    expect((await volume("thin.raw"))!.capacityBytes).toBe(16 * MiB);
    // Below what is already written, libvirt refuses, in its own words.
    await expect(
      resizeVolume(ctxOf(admin, ip), { hostId, pool, volume: "full.raw", capacityBytes: 16 * MiB, confirmShrink: true }),
    ).rejects.toThrow("can't shrink capacity below existing allocation");
  });

  it("clones a volume as a job", async () => {
    const job = await finished(await cloneVolume(ctxOf(admin, ip), { hostId, pool, volume: "full.raw", name: "copy.raw" }));
    expect(job).toMatchObject({ status: "done" });
    expect(readFileSync(path.join(dir, "pool", "copy.raw")).equals(readFileSync(path.join(dir, "pool", "full.raw")))).toBe(true);
  });

  it("protects a volume a guest uses: never while it runs, only with confirmation while it is defined", async () => {
    const name = uniqueGuestName("vc-voluse");
    const diskPath = path.join(dir, "pool", "copy.raw");
    const xml = testGuestXml(name, ensureTestGuestImage(), 128, "qemu").replace(
      "<devices>",
      `<devices><disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='${diskPath}'/><target dev='vda' bus='virtio'/></disk>`,
    );
    const dom = await lv.domains.createTransient(xml);
    try {
      expect((await volume("copy.raw"))!.usedBy).toEqual([expect.objectContaining({ name, running: true })]);
      await expect(deleteVolume(ctxOf(admin, ip), { hostId, pool, volume: "copy.raw", evenIfUsed: true })).rejects.toThrow(
        `copy.raw is a disk of ${name}, which is running`,
      );
      await expect(
        resizeVolume(ctxOf(admin, ip), { hostId, pool, volume: "copy.raw", capacityBytes: 64 * MiB, confirmShrink: false }),
      ).rejects.toThrow(/shut it down/);
    } finally {
      await lv.domains.destroy(dom);
    }
    const defined = await lv.domains.define(xml);
    try {
      await expect(deleteVolume(ctxOf(admin, ip), { hostId, pool, volume: "copy.raw", evenIfUsed: false })).rejects.toThrow(
        `copy.raw is a disk of ${name}; confirm to delete it anyway`,
      );
      await deleteVolume(ctxOf(admin, ip), { hostId, pool, volume: "copy.raw", evenIfUsed: true });
      expect(await volume("copy.raw")).toBeUndefined();
    } finally {
      await lv.domains.undefine(defined);
    }
  });
});

describe("uploads and downloads", () => {
  const data = randomBytes(3 * MiB + 123);
  const sha256 = createHash("sha256").update(data).digest("hex");

  it("uploads into a new volume, checks the bytes the host stored, and matches the given checksum", async () => {
    const result = await uploadVolume(ctxOf(admin, ip), {
      hostId,
      pool,
      volume: "upload.iso",
      sizeBytes: data.length,
      create: true,
      sha256,
      body: Readable.from([data.subarray(0, MiB), data.subarray(MiB)]),
      signal: new AbortController().signal,
    });
    expect(result).toEqual({ name: "upload.iso", bytes: data.length, sha256 });
    expect(
      createHash("sha256")
        .update(readFileSync(path.join(dir, "pool", "upload.iso")))
        .digest("hex"),
    ).toBe(sha256);
  });

  it("refuses a wrong checksum and a cancelled upload, keeping nothing of either", async () => {
    const wrong = "0".repeat(64);
    await expect(
      uploadVolume(ctxOf(admin, ip), {
        hostId,
        pool,
        volume: "bad.iso",
        sizeBytes: data.length,
        create: true,
        sha256: wrong,
        body: Readable.from([data]),
        signal: new AbortController().signal,
      }),
    ).rejects.toThrow(`not the expected ${wrong}`);
    expect(await volume("bad.iso")).toBeUndefined();

    const body = new PassThrough();
    const cancel = new AbortController();
    const upload = uploadVolume(ctxOf(admin, ip), {
      hostId,
      pool,
      volume: "cancelled.iso",
      sizeBytes: data.length,
      create: true,
      body,
      signal: cancel.signal,
    });
    body.write(data.subarray(0, MiB));
    // Cancelled once under way: the volume it writes to exists by then.
    await vi.waitFor(async () => expect(await volume("cancelled.iso")).toBeDefined(), { timeout: 15_000, interval: 100 });
    cancel.abort();
    await expect(upload).rejects.toThrow("The upload was cancelled; nothing was kept");
    expect(await volume("cancelled.iso")).toBeUndefined();
    expect((await tc.auditRows("volume.upload")).map((r) => r.result)).toEqual(["ok", "error", "error"]);
  });

  it("downloads a volume's bytes", async () => {
    const { stream, length } = await downloadVolume(ctxOf(admin), { hostId, pool, volume: "upload.iso" });
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    expect(length).toBe(data.length);
    expect(createHash("sha256").update(Buffer.concat(chunks)).digest("hex")).toBe(sha256);
    expect(statSync(path.join(dir, "pool", "upload.iso")).size).toBe(data.length);
  });
});
