// The image library on the real libvirtd, in a dir pool of its own: a VMDK made by qemu-img fetched from a
// local HTTP server (loopback allowed as an admin would) ends as a qcow2 volume of the same virtual size; a
// raw upload is stored as it came with its checksum checked; bad input (0 bytes, text posing as VMDK, a wrong
// checksum, an OVA, a VMDK descriptor naming /etc/passwd) gets a clear message and leaves nothing behind:
// no volume, no library row, no scratch file. An image a guest uses is not deleted.
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough, Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import type { JobView } from "@/lib/jobs/types";
import type { Actor } from "@/lib/server/auth/session";
import { db } from "@/lib/server/db";
import { deleteImage } from "@/lib/server/disk-images/delete-image";
import { importImage, scratchRoot, sweepScratch, type ImportSource } from "@/lib/server/disk-images/import-image";
import { listImages } from "@/lib/server/disk-images/list-images";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { jobs } from "@/lib/server/jobs/jobs";
import { updateSettings } from "@/lib/server/settings/update-settings";
import { createPool } from "@/lib/server/storage/create-pool";
import { deletePool } from "@/lib/server/storage/delete-pool";
import { createPoolRequestSchema } from "@/lib/validations/storage";
import { StorageVolume } from "@/lib/xml";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { jobFinished } from "../../helpers/jobs";
import { ensureTestGuestImage, testGuestXml, uniqueGuestName } from "../../helpers/test-guest";
import { ctxOf } from "../../helpers/verb-context";

const MiB = 1024 * 1024;
let tc: TestConsole;
let admin: Actor;
let hostId: string;
let lv: Libvirt;
let server: Server;
let baseUrl = "";
const pool = `it-images-${Date.now().toString(36)}`;
const dir = mkdtempSync(path.join(tmpdir(), "vc-images-"));
const served = path.join(dir, "served");
chmodSync(dir, 0o755);

const finished = (job: JobView) => jobFinished(job, admin.id, { pollMs: 50 });
const poolPath = () => path.join(dir, "pool");
const sha = (data: Buffer) => createHash("sha256").update(data).digest("hex");
const upload = (fileName: string, data: Buffer): ImportSource => ({
  kind: "upload",
  fileName,
  sizeBytes: data.length,
  body: Readable.from([data]),
  signal: new AbortController().signal,
});
async function run(name: string, source: ImportSource, extra: { sha256?: string; osId?: string } = {}) {
  const { job, received } = await importImage(ctxOf(admin), { hostId, pool, name, source, ...extra });
  await received;
  return finished(job);
}

/** Nothing of a failed import is left: no volume, no library row, no scratch file. */
async function expectNothingLeft(name: string) {
  const ref = await lv.storage.lookupPool(pool);
  await lv.storage.refreshPool(ref);
  expect((await lv.storage.listVolumes(ref)).map((v) => v.name)).not.toContain(name);
  expect(await db().diskImage.count({ where: { volume: name } })).toBe(0);
  expect(existsSync(scratchRoot()) ? readdirSync(scratchRoot()) : []).toEqual([]);
}

beforeAll(async () => {
  execFileSync("mkdir", ["-p", served]);
  server = createServer((req, res) => {
    // A download that sends its first MiB and then waits, to be cancelled mid-way.
    if (req.url === "/slow.raw") {
      res.writeHead(200, { "Content-Length": 64 * MiB }).write(Buffer.alloc(MiB));
      return;
    }
    const file = path.join(served, path.normalize(decodeURIComponent(req.url ?? "/")));
    if (!existsSync(file)) return res.writeHead(404).end();
    const body = readFileSync(file);
    res.writeHead(200, { "Content-Length": body.length }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  tc = await startTestConsole();
  admin = await tc.actor();
  hostId = await tc.addHost("local", "qemu:///system");
  lv = await Libvirt.open("qemu:///system");
  await updateSettings(ctxOf(admin), { fetchAllowedNetworks: ["127.0.0.1/32"] });
  await createPool(ctxOf(admin), {
    hostId,
    ...createPoolRequestSchema.parse({ type: "dir", name: pool, targetPath: poolPath(), autostart: false }),
  });
});

afterAll(async () => {
  await deletePool(ctxOf(admin), { hostId, pool, deleteData: true }).catch(() => undefined);
  await lv?.close();
  await hostPool().closeAll();
  await tc.cleanup();
  server?.closeAllConnections();
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("importing into the library", () => {
  it("fetches a VMDK from a URL and stores it as qcow2 of the same virtual size, its OS read from the name", async () => {
    const file = path.join(served, "debian-11-genericcloud-amd64.vmdk");
    execFileSync("qemu-img", ["create", "-q", "-f", "vmdk", file, "48M"]);
    const received = sha(readFileSync(file));
    const job = await run("debian11.qcow2", { kind: "url", url: `${baseUrl}/debian-11-genericcloud-amd64.vmdk` }, { sha256: received });
    expect(job).toMatchObject({ status: "done", result: { format: "qcow2", sourceFormat: "vmdk", sha256: received } });
    const info = JSON.parse(
      execFileSync("qemu-img", ["info", "--output=json", path.join(poolPath(), "debian11.qcow2")], { encoding: "utf8" }),
    ) as {
      format: string;
      "virtual-size": number;
    };
    expect(info).toMatchObject({ format: "qcow2", "virtual-size": 48 * MiB });
    // libvirt, too, knows it as qcow2 (the wizard's disk takes the volume's format from it).
    const ref = await lv.storage.lookupVolume(await lv.storage.lookupPool(pool), "debian11.qcow2");
    expect(StorageVolume.parse(await lv.storage.volumeXml(ref))).toMatchObject({ format: "qcow2", capacityBytes: 48 * MiB });
    const [row] = await listImages(ctxOf(admin), { hostId });
    expect(row).toMatchObject({
      volume: "debian11.qcow2",
      sourceKind: "url",
      sourceFormat: "vmdk",
      format: "qcow2",
      sha256: received,
      virtualBytes: 48 * MiB,
      present: true,
      os: { id: "http://debian.org/debian/11" },
    });
    expect(existsSync(scratchRoot()) ? readdirSync(scratchRoot()) : []).toEqual([]);
    expect((await tc.auditRows("image.import")).at(-1)).toMatchObject({ result: "ok" });
  });

  it("stores an uploaded raw image as it came, checksum checked, OS as chosen", async () => {
    const data = randomBytes(2 * MiB);
    const job = await run("disk.raw", upload("disk.img", data), { sha256: sha(data), osId: "http://fedoraproject.org/fedora/37" });
    expect(job).toMatchObject({ status: "done", result: { format: "raw", sha256: sha(data) } });
    expect(sha(readFileSync(path.join(poolPath(), "disk.raw")))).toBe(sha(data));
    const row = (await listImages(ctxOf(admin), { hostId })).find((r) => r.volume === "disk.raw");
    expect(row).toMatchObject({ sourceKind: "upload", source: "disk.img", os: { id: "http://fedoraproject.org/fedora/37" } });
  });
});

describe("bad input: a clear message and nothing left behind", () => {
  it("refuses a 0-byte image", async () => {
    writeFileSync(path.join(served, "empty.qcow2"), "");
    const job = await run("empty.qcow2", { kind: "url", url: `${baseUrl}/empty.qcow2` });
    expect(job).toMatchObject({ status: "failed", error: "empty.qcow2 is empty: a disk image of 0 bytes cannot be imported" });
    await expectNothingLeft("empty.qcow2");
  });

  it("refuses a text file that claims to be a VMDK", async () => {
    const job = await run("notes.qcow2", upload("notes.vmdk", Buffer.from("these are my notes, not a disk\n".repeat(100))));
    expect(job).toMatchObject({ status: "failed", error: "notes.vmdk is named like a VMDK image, but it holds raw data, not a VMDK disk" });
    await expectNothingLeft("notes.qcow2");
  });

  it("refuses an image whose checksum is not the expected one", async () => {
    const data = randomBytes(MiB);
    const job = await run("wrong.raw", upload("wrong.img", data), { sha256: "0".repeat(64) });
    expect(job).toMatchObject({ status: "failed", error: `The file's SHA-256 is ${sha(data)}, not the expected ${"0".repeat(64)}` });
    await expectNothingLeft("wrong.raw");
  });

  it("sends an OVA to the wizard's OVA import before anything starts", async () => {
    await expect(run("appliance.qcow2", upload("appliance.ova", randomBytes(1024)))).rejects.toThrow(
      /^appliance\.ova is an OVA \(a whole appliance, not a disk image\): import it in the new-guest wizard/,
    );
    await expectNothingLeft("appliance.qcow2");
  });

  it("refuses a VMDK descriptor whose extent is /etc/passwd", async () => {
    const descriptor = [
      "# Disk DescriptorFile",
      "version=1",
      "CID=fffffffe",
      "parentCID=ffffffff",
      'createType="monolithicFlat"',
      "",
      'RW 8 FLAT "/etc/passwd" 0',
      "",
      'ddb.virtualHWVersion = "4"',
      "",
    ].join("\n");
    const job = await run("evil.qcow2", upload("evil.vmdk", Buffer.from(descriptor)));
    expect(job.status).toBe("failed");
    expect(job.error).toMatch(/^evil\.vmdk cannot be imported: the image refers to other files \(\/etc\/passwd\)$/);
    await expectNothingLeft("evil.qcow2");
  });
});

describe("cancelling", () => {
  it("stops a download mid-way, saying so, and leaves nothing", async () => {
    const { job, received } = await importImage(ctxOf(admin), {
      hostId,
      pool,
      name: "slow.raw",
      source: { kind: "url", url: `${baseUrl}/slow.raw` },
    });
    for (let i = 0; i < 100 && ((await jobs().get(job.id, admin.id))?.done ?? 0) === 0; i++) await new Promise((r) => setTimeout(r, 50));
    await jobs().cancel(job.id, admin.id);
    await received;
    expect(await finished(job)).toMatchObject({ status: "cancelled", error: "The import was cancelled; nothing was kept" });
    await expectNothingLeft("slow.raw");
  });
});

describe("an upload the browser abandons", () => {
  it("fails as cancelled and leaves nothing", async () => {
    const controller = new AbortController();
    const body = new PassThrough();
    const source: ImportSource = { kind: "upload", fileName: "gone.img", sizeBytes: 8 * MiB, body, signal: controller.signal };
    const { job, received } = await importImage(ctxOf(admin), { hostId, pool, name: "gone.raw", source });
    body.write(Buffer.alloc(MiB));
    setTimeout(() => controller.abort(), 100);
    await received;
    expect(await finished(job)).toMatchObject({ status: "failed", error: "The upload was cancelled; nothing was kept" });
    await expectNothingLeft("gone.raw");
  });
});

describe("scratch files", () => {
  it("removes what an import left a day ago (its console died), keeping newer ones", async () => {
    const old = path.join(scratchRoot(), "import-old");
    const fresh = path.join(scratchRoot(), "import-fresh");
    execFileSync("mkdir", ["-p", old, fresh]);
    const dayAgo = new Date(Date.now() - 25 * 3600_000);
    utimesSync(old, dayAgo, dayAgo);
    await sweepScratch();
    expect(readdirSync(scratchRoot()).sort()).toEqual(["import-fresh"]);
    rmSync(fresh, { recursive: true });
  });
});

describe("deleting", () => {
  it("refuses while a guest has the image as a disk, then deletes volume and row", async () => {
    const name = uniqueGuestName("vc-imguse");
    const [row] = (await listImages(ctxOf(admin), { hostId })).filter((r) => r.volume === "disk.raw");
    const xml = testGuestXml(name, ensureTestGuestImage(), 128, "qemu").replace(
      "<devices>",
      `<devices><disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='${path.join(poolPath(), "disk.raw")}'/><target dev='vda' bus='virtio'/></disk>`,
    );
    const dom = await lv.domains.define(xml);
    try {
      await expect(deleteImage(ctxOf(admin), { hostId, image: row.id })).rejects.toThrow(
        `disk.raw is a disk of ${name}: remove it from there first`,
      );
    } finally {
      await lv.domains.undefine(dom);
    }
    await deleteImage(ctxOf(admin), { hostId, image: row.id });
    expect(existsSync(path.join(poolPath(), "disk.raw"))).toBe(false);
    expect(await db().diskImage.count({ where: { id: row.id } })).toBe(0);
  });
});
