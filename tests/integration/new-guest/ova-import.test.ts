// "Import a virtual appliance (OVA)" against the real libvirtd: a generated OVA (OVF written here, SHA-256
// manifest, streamOptimized VMDKs made by qemu-img) is received and read, Finish converts its disks into
// qcow2 volumes of the right virtual size and makes a draft whose XML libvirt's schema accepts; Cancel and
// every refusal leave no volume, draft or scratch file; Begin installation creates the guest.
import { createReadStream, mkdirSync, mkdtempSync, readFileSync, utimesSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import type { Actor } from "@/lib/server/auth/session";
import { db } from "@/lib/server/db";
import { isApiError } from "@/lib/server/http/errors";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { cancelDraft, installDraft, startCustomizing } from "@/lib/server/new-guest/customize";
import { findDraft } from "@/lib/server/new-guest/drafts";
import { ovaImportProgress } from "@/lib/server/ova/import-progress";
import { fetchOva } from "@/lib/server/ova/fetch-ova";
import { receiveOva } from "@/lib/server/ova/receive-ova";
import { updateSettings } from "@/lib/server/settings/update-settings";
import { dropAppliance, sweepScratch } from "@/lib/server/ova/scratch";
import { schemaProblem } from "@/lib/server/xml/schema-check";
import { newGuestSchema } from "@/lib/validations/new-guest";
import { StorageVolume } from "@/lib/xml";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { manifestOf, ovfOf, tarOf, vmdkDisk, writeOva } from "../../helpers/ova";
import { removeGuests, resolveVirtType, uniqueGuestName } from "../../helpers/test-guest";
import { ctxOf } from "../../helpers/verb-context";

let tc: TestConsole;
let admin: Actor;
let hostId: string;
let lv: Libvirt;
const work = mkdtempSync(path.join(tmpdir(), "vc-ova-it-"));
const scratch = path.join(work, "scratch");
const made: string[] = [];
const MiB = 1024 * 1024;

const receive = (file: string) =>
  receiveOva(ctxOf(admin), { hostId, sizeBytes: statSync(file).size, body: createReadStream(file), signal: new AbortController().signal });

const finishInput = async (name: string, upload: string) =>
  newGuestSchema.parse({
    name,
    install: { method: "ova", pool: "default", upload },
    os: "linux2022",
    memoryMiB: 192,
    vcpus: 2,
    storage: { kind: "none" },
    network: { type: "network", name: "default" },
    virtType: await resolveVirtType(lv),
  });

const volumesOf = async (guest: string) =>
  (await lv.storage.listVolumes(await lv.storage.lookupPool("default"))).map((v) => v.name).filter((n) => n.startsWith(`${guest}-disk`));
const scratchLeft = () => readdirSync(scratch, { withFileTypes: true }).filter((d) => d.isDirectory()).length;

async function refusalOf(promise: Promise<unknown>): Promise<{ key: string; message: string }> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isApiError(err) || !err.said || !("key" in err.said)) throw new Error(`not an ApiError: ${String(err)}`);
  return { key: err.said.key, message: err.message };
}

beforeAll(async () => {
  process.env.OVA_SCRATCH_DIR = scratch;
  tc = await startTestConsole();
  admin = await tc.actor();
  hostId = await tc.addHost("local", "qemu:///system");
  lv = await Libvirt.open("qemu:///system");
});

afterAll(async () => {
  await removeGuests(lv, made);
  const pool = await lv.storage.lookupPool("default");
  for (const vol of await lv.storage.listVolumes(pool))
    if (made.some((n) => vol.name.startsWith(`${n}-disk`))) await lv.storage.deleteVolume(vol).catch(() => undefined);
  await lv.close();
  await hostPool().closeAll();
  await tc.cleanup();
  rmSync(work, { recursive: true, force: true });
  delete process.env.OVA_SCRATCH_DIR;
});

describe("OVA import", () => {
  it("imports a generated OVA: qcow2 volumes of the disks' sizes, a valid draft with its CPUs, memory, disks and NICs; Cancel removes the volumes", async () => {
    const file = writeOva(path.join(work, "good.ova"), {
      name: "Test Appliance",
      vcpus: 2,
      memoryMiB: 192,
      disks: [
        { file: "disk1.vmdk", capacityMiB: 32 },
        { file: "disk2.vmdk", capacityMiB: 16 },
      ],
      nics: ["VmxNet3", "E1000"],
    });
    const summary = await receive(file);
    expect(summary).toMatchObject({
      name: "Test Appliance",
      guestName: "Test-Appliance",
      vcpus: 2,
      memoryMiB: 192,
      os: "linux2022",
      nics: 2,
      nicModel: "virtio",
      disks: [
        { file: "disk1.vmdk", format: "vmdk", virtualBytes: 32 * MiB },
        { file: "disk2.vmdk", format: "vmdk", virtualBytes: 16 * MiB },
      ],
    });
    expect(summary.unmapped.map((u) => u.kind)).toEqual(["usb", "sound", "serial", "setting"]);

    const name = uniqueGuestName("vc-ova");
    made.push(name);
    const finishing = startCustomizing(ctxOf(admin), { hostId, ...(await finishInput(name, summary.upload)) });
    // The wizard follows the conversion by the appliance's id while Finish runs.
    let settled = false;
    void finishing.finally(() => (settled = true)).catch(() => undefined);
    const seen: string[] = [];
    while (!settled) {
      const { job } = await ovaImportProgress(ctxOf(admin), { hostId, upload: summary.upload });
      if (job) seen.push(`${job.kind} ${job.status}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const { uuid } = await finishing;
    expect(seen).toContain("guest.ova.import running");
    expect((await ovaImportProgress(ctxOf(admin), { hostId, upload: summary.upload })).job).toBeNull();
    expect(scratchLeft()).toBe(0);
    expect((await volumesOf(name)).sort()).toEqual([`${name}-disk1.qcow2`, `${name}-disk2.qcow2`]);
    const pool = await lv.storage.lookupPool("default");
    for (const [volume, size] of [
      [`${name}-disk1.qcow2`, 32 * MiB],
      [`${name}-disk2.qcow2`, 16 * MiB],
    ] as const) {
      const xml = StorageVolume.parse(await lv.storage.volumeXml(await lv.storage.lookupVolume(pool, volume)));
      expect(xml.format, volume).toBe("qcow2");
      expect(xml.capacityBytes, volume).toBe(size);
    }

    const draft = (await findDraft(admin.id, hostId, uuid))!;
    expect(draft.domain.vcpus).toBe(2);
    expect(draft.domain.memoryKiB).toBe(192 * 1024);
    expect(draft.domain.devices.disks.filter((d) => d.device === "disk").map((d) => d.sourceVolume)).toEqual([
      `${name}-disk1.qcow2`,
      `${name}-disk2.qcow2`,
    ]);
    expect(draft.domain.devices.interfaces.map((i) => [i.sourceNetwork, i.model])).toEqual([
      ["default", "virtio"],
      ["default", "e1000e"],
    ]);
    expect(await schemaProblem(draft.domain.toXml())).toBeNull();

    const imported = await db().auditLog.findMany({ where: { action: "guest.ova.import", result: "ok" } });
    expect(imported.map((r) => r.target)).toContain(`guest:local/${name} (${uuid})`);

    await cancelDraft(ctxOf(admin), { hostId, uuid });
    expect(await volumesOf(name)).toEqual([]);
    expect(await findDraft(admin.id, hostId, uuid)).toBeNull();
  });

  it("Begin installation creates the guest on the converted disks", async () => {
    const summary = await receive(writeOva(path.join(work, "install.ova"), { vcpus: 1, memoryMiB: 128 }));
    const name = uniqueGuestName("vc-ova");
    made.push(name);
    const { uuid } = await startCustomizing(ctxOf(admin), {
      hostId,
      ...(await finishInput(name, summary.upload)),
      vcpus: 1,
      memoryMiB: 128,
    });
    const created = await installDraft(ctxOf(admin), { hostId, uuid });
    expect(created.name).toBe(name);
    const dom = await lv.domains.lookupByName(name);
    expect(await lv.domains.xml(dom)).toContain(`${name}-disk1.qcow2`);
  });

  it("downloads an appliance from a URL (guarded fetch) and reads it as an upload; a server that hides the size is refused", async () => {
    const file = writeOva(path.join(work, "remote.ova"), { vcpus: 2, memoryMiB: 256 });
    const bytes = readFileSync(file);
    const server = createServer((req, res) => {
      if (req.url === "/appliance.ova") return res.writeHead(200, { "Content-Length": String(bytes.length) }).end(bytes);
      // Chunked, no Content-Length: the console cannot tell a whole appliance from a cut one.
      if (req.url === "/chunked.ova") return res.writeHead(200).end(bytes);
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      // Loopback is refused until an admin allows it, as for every download on a person's behalf.
      const refused = await refusalOf(
        fetchOva(ctxOf(admin), { hostId, url: `${base}/appliance.ova`, signal: new AbortController().signal }),
      );
      expect(refused.key).toBe("couldNotFetch");
      expect(refused.message).toContain("loopback");
      await updateSettings(ctxOf(admin), { fetchAllowedNetworks: ["127.0.0.1/32"] });
      const summary = await fetchOva(ctxOf(admin), { hostId, url: `${base}/appliance.ova`, signal: new AbortController().signal });
      expect(summary).toMatchObject({ vcpus: 2, memoryMiB: 256 });
      expect(summary.disks.length).toBeGreaterThan(0);
      // Received like an upload, kept in the scratch directory until Finish (dropped here: no Finish follows).
      await dropAppliance(summary.upload);
      const before = scratchLeft();
      const hidden = await refusalOf(fetchOva(ctxOf(admin), { hostId, url: `${base}/chunked.ova`, signal: new AbortController().signal }));
      expect(hidden.key).toBe("ovaSizeUnknown");
      expect(scratchLeft()).toBe(before);
    } finally {
      await updateSettings(ctxOf(admin), { fetchAllowedNetworks: [] });
      server.close();
    }
  });

  it("refuses a tar without an .ovf, a digest mismatch and an OVF that is not XML, leaving nothing", async () => {
    const noOvf = path.join(work, "no-ovf.ova");
    writeFileSync(noOvf, tarOf([{ name: "disk1.vmdk", data: vmdkDisk(8) }]));
    expect((await refusalOf(receive(noOvf))).key).toBe("ovaNoOvf");

    const tampered = await refusalOf(receive(writeOva(path.join(work, "tampered.ova"), { tamper: true })));
    expect(tampered).toMatchObject({ key: "ovaDigestMismatch" });
    expect(tampered.message).toContain("disk1.vmdk");

    const notXml = { name: "a.ovf", data: Buffer.from("this is { not XML") };
    const notXmlFile = path.join(work, "not-xml.ova");
    writeFileSync(notXmlFile, tarOf([notXml, { name: "a.mf", data: manifestOf([notXml]) }]));
    expect((await refusalOf(receive(notXmlFile))).key).toBe("ovaNotXml");

    // A disk that is not what the OVF says it is (not an image at all) is refused before anything is converted.
    const ovf = { name: "a.ovf", data: Buffer.from(ovfOf()) };
    const fake = path.join(work, "fake-disk.ova");
    writeFileSync(fake, tarOf([ovf, { name: "disk1.vmdk", data: Buffer.from('# Disk DescriptorFile\nRW 8 FLAT "/etc/shadow" 0\n') }]));
    expect((await refusalOf(receive(fake))).key).toBe("ovaDiskUnreadable");
    // Larger than the console takes, or longer than the size announced: refused while it streams in.
    const good = writeOva(path.join(work, "size.ova"));
    process.env.OVA_MAX_BYTES = "4096";
    try {
      expect((await refusalOf(receive(good))).key).toBe("ovaTooLarge");
    } finally {
      delete process.env.OVA_MAX_BYTES;
    }
    const longer = receiveOva(ctxOf(admin), {
      hostId,
      sizeBytes: statSync(good).size - 512,
      body: createReadStream(good),
      signal: new AbortController().signal,
    });
    expect((await refusalOf(longer)).key).toBe("ovaTooLarge");
    expect(scratchLeft()).toBe(0);
    // Each refusal is audited with its reason.
    const refusals = await db().auditLog.findMany({ where: { action: "guest.ova.receive", result: "error" } });
    expect(refusals.map((r) => r.details).join("\n")).toMatch(/does not match the appliance's manifest/);
  });

  it("removes what it converted when a later disk fails, and makes no draft", async () => {
    const summary = await receive(
      writeOva(path.join(work, "fails.ova"), {
        disks: [
          { file: "disk1.vmdk", capacityMiB: 16 },
          { file: "disk2.vmdk", capacityMiB: 16 },
        ],
      }),
    );
    // The second disk is spoiled in the scratch directory after it was checked: its VMDK data cut off.
    const spoiled = path.join(scratch, summary.upload, "files", "disk2.vmdk");
    writeFileSync(spoiled, readFileSync(spoiled).subarray(0, 1024));
    const name = uniqueGuestName("vc-ova");
    made.push(name);
    const refused = await refusalOf(startCustomizing(ctxOf(admin), { hostId, ...(await finishInput(name, summary.upload)) }));
    expect(refused.key).toBe("ovaDiskUnreadable");
    expect(await volumesOf(name)).toEqual([]);
    expect(scratchLeft()).toBe(0);
    // The appliance is gone with the failure: Finish again asks for a new upload.
    expect((await refusalOf(startCustomizing(ctxOf(admin), { hostId, ...(await finishInput(name, summary.upload)) }))).key).toBe(
      "ovaUploadGone",
    );
  });

  it("sweeps appliances left past their hour, but not an upload still streaming in", async () => {
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000);
    const left = path.join(scratch, "00000000-0000-4000-8000-000000000001");
    const streaming = path.join(scratch, "00000000-0000-4000-8000-000000000002");
    mkdirSync(left);
    mkdirSync(streaming);
    writeFileSync(path.join(left, "meta.json"), "{}");
    utimesSync(path.join(left, "meta.json"), hoursAgo(2), hoursAgo(2));
    utimesSync(streaming, hoursAgo(2), hoursAgo(2));
    expect(await sweepScratch()).toBe(1);
    expect(readdirSync(scratch)).toEqual([path.basename(streaming)]);
    rmSync(streaming, { recursive: true });
  });
});
