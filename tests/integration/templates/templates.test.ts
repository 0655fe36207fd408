// Templates on the real libvirtd: a shut-off test guest with a qcow2 disk is marked as a template (the mark is in
// `virsh dumpxml`), refused every start, and a linked clone is made from it: its disk is a qcow2 overlay whose backing
// file is the template's, and it boots. The template (and its disk volume) cannot be deleted while the clone exists;
// a failure mid-way (the seed hook throws after the overlay exists) leaves nothing; bad input gets clear messages. With
// cloud-init, the new guest gets the wizard's seed CD-ROM (its host name, a new instance id), removed on a later failure.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import type { JobView } from "@/lib/jobs/types";
import type { Actor } from "@/lib/server/auth/session";
import { SEED_ALIAS, seedVolumeName } from "@/lib/server/cloud-init/attach-seed";
import { removeCloudInitSeed } from "@/lib/server/cloud-init/remove-seed";
import { bulkPower } from "@/lib/server/guests/bulk-power";
import { deleteGuest } from "@/lib/server/guests/delete-guest";
import { powerGuest } from "@/lib/server/guests/power-guest";
import { updateGuest } from "@/lib/server/guests/update-guest";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { deleteVolume } from "@/lib/server/storage/delete-volume";
import { createFromTemplate } from "@/lib/server/templates/create-from-template";
import { setTemplate } from "@/lib/server/templates/set-template";
import { CONSOLE_TEMPLATE_NS, Domain, StorageVolume } from "@/lib/xml";
import { fromTemplateSchema } from "@/lib/validations/templates";
import { jobFinished } from "../../helpers/jobs";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { readSeedVolume } from "../../helpers/seed-volume";
import { ensureTestGuestImage, removeGuests, resolveVirtType, testGuestXml, uniqueGuestName, waitForBoot } from "../../helpers/test-guest";
import { ctxOf } from "../../helpers/verb-context";

let tc: TestConsole;
let admin: Actor;
let hostId: string;
let lv: Libvirt;
const name = uniqueGuestName("templates-tpl");
const linked = `${name}-linked`;
const failed = `${name}-failed`;
const plain = `${name}-plain`;
const copied = `${name}-copied`;
const seeded = `${name}-seeded`;
const seedFailed = `${name}-seedfail`;
const images = "/var/lib/libvirt/images";
const volumes = [
  `${name}.qcow2`,
  `${linked}.qcow2`,
  `${failed}.qcow2`,
  `${copied}.qcow2`,
  `${seeded}.qcow2`,
  `${seedFailed}.qcow2`,
  seedVolumeName(seeded),
  seedVolumeName(seedFailed),
];

const virsh = (...args: string[]) => execFileSync("virsh", ["-c", "qemu:///system", ...args], { encoding: "utf8" });
const uuidOf = async (guest: string) => (await lv.domains.list()).find((d) => d.name === guest)?.uuid;
const finished = (job: JobView) => jobFinished(job, admin.id, { pollMs: 200 });
const poolVolumes = async () => (await lv.storage.listVolumes(await lv.storage.lookupPool("default"))).map((v) => v.name);
const create = (uuid: string, input: Record<string, unknown>, seed?: Parameters<typeof createFromTemplate>[2]) =>
  createFromTemplate(ctxOf(admin), { hostId, uuid, ...fromTemplateSchema.parse(input) }, seed);

beforeAll(async () => {
  tc = await startTestConsole();
  admin = await tc.actor();
  hostId = await tc.addHost("local", "qemu:///system");
  lv = await Libvirt.open("qemu:///system");
  const pool = await lv.storage.lookupPool("default");
  await lv.storage.createVolume(
    pool,
    `<volume><name>${name}.qcow2</name><capacity unit='MiB'>16</capacity><target><format type='qcow2'/></target></volume>`,
  );
  const disk = `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${images}/${name}.qcow2'/><target dev='vda' bus='virtio'/></disk>`;
  const image = ensureTestGuestImage();
  const type = await resolveVirtType(lv);
  await lv.domains.define(testGuestXml(name, image, 128, type, undefined, { extraDevices: disk }));
  await lv.domains.define(testGuestXml(plain, image, 128, type));
});

afterAll(async () => {
  await removeGuests(lv, [linked, failed, copied, seeded, seedFailed, name, plain]);
  for (const vol of volumes) {
    try {
      execFileSync("virsh", ["-c", "qemu:///system", "vol-delete", "--pool", "default", vol], { stdio: "ignore" });
    } catch {
      // already gone
    }
  }
  await lv.close();
  await hostPool().closeAll();
  await tc.cleanup();
});

describe("templates", () => {
  it("marks a shut-off guest as a template in its metadata, and every start is refused", async () => {
    const uuid = (await uuidOf(name))!;
    await expect(setTemplate(ctxOf(admin), { hostId, uuid, template: true })).resolves.toEqual({ template: true });
    const xml = virsh("dumpxml", name);
    expect(xml).toContain(`xmlns:console="${CONSOLE_TEMPLATE_NS}"`);
    expect(virsh("metadata", name, CONSOLE_TEMPLATE_NS)).toMatch(/<template since="\d{4}-/);

    await expect(powerGuest(ctxOf(admin), { hostId, uuid, action: "start" })).rejects.toThrow(
      /is a template, and templates are never started/,
    );
    const [bulk] = await bulkPower(ctxOf(admin), { action: "start", guests: [{ hostId, uuid }] });
    expect(bulk).toMatchObject({ ok: false, message: expect.stringMatching(/is a template/) });
    await expect(updateGuest(ctxOf(admin), { hostId, uuid, autostart: true })).rejects.toThrow(/is a template/);
    expect((await lv.domains.state(await lv.domains.lookupByName(name))).name).toBe("shutoff");
    expect(await lv.domains.autostart(await lv.domains.lookupByName(name))).toBe(false);
  });

  it("refuses a guest from a non-template and a taken name, creating nothing", async () => {
    const before = await poolVolumes();
    await expect(create((await uuidOf(plain))!, { name: linked })).rejects.toThrow(/is not a template/);
    await expect(create((await uuidOf(name))!, { name: plain })).rejects.toThrow(/already exists/);
    expect(await poolVolumes()).toEqual(before);
    expect(await uuidOf(linked)).toBeUndefined();
  });

  it("makes a linked clone whose disk is a qcow2 overlay on the template's, and it boots", async () => {
    const job = await finished(await create((await uuidOf(name))!, { name: linked, mode: "linked", memoryMiB: 144, start: true }));
    expect(job.status, JSON.stringify(job)).toBe("done");
    const vol = StorageVolume.parse(virsh("vol-dumpxml", "--pool", "default", `${linked}.qcow2`));
    expect(vol.format).toBe("qcow2");
    expect(vol.backingPath).toBe(`${images}/${name}.qcow2`);
    const dom = await lv.domains.lookupByName(linked);
    const def = Domain.parse(virsh("dumpxml", "--inactive", linked));
    expect(def.devices.disks.items[0].sourceFile).toBe(`${images}/${linked}.qcow2`);
    expect(def.memoryKiB).toBe(144 * 1024);
    expect(virsh("dumpxml", linked)).not.toContain(CONSOLE_TEMPLATE_NS);
    expect(def.uuid).not.toBe(await uuidOf(name));
    expect(await waitForBoot(lv, dom, 120_000)).toBe(true);
  });

  it("makes a full copy that does not depend on the template", async () => {
    const job = await finished(await create((await uuidOf(name))!, { name: copied, mode: "copy", vcpus: 2, start: false }));
    expect(job.status, JSON.stringify(job)).toBe("done");
    const vol = StorageVolume.parse(virsh("vol-dumpxml", "--pool", "default", `${copied}.qcow2`));
    expect([vol.format, vol.backingPath]).toEqual(["qcow2", undefined]);
    const def = Domain.parse(virsh("dumpxml", "--inactive", copied));
    expect([def.devices.disks.items[0].sourceFile, def.vcpus]).toEqual([`${images}/${copied}.qcow2`, 2]);
    expect(virsh("domstate", copied).trim()).toBe("shut off");
  });

  it("refuses deleting the template or its disk while the linked clone exists, removing nothing", async () => {
    const uuid = (await uuidOf(name))!;
    const path = `${images}/${name}.qcow2`;
    await expect(
      deleteGuest(ctxOf(admin), { hostId, uuid, removeVolumes: [path], removeSnapshots: true, removeNvram: true }),
    ).rejects.toThrow(new RegExp(`${linked} is a linked clone`));
    await expect(deleteVolume(ctxOf(admin), { hostId, pool: "default", volume: `${name}.qcow2`, evenIfUsed: true })).rejects.toThrow(
      new RegExp(`${linked} is a linked clone`),
    );
    await expect(setTemplate(ctxOf(admin), { hostId, uuid, template: false })).rejects.toThrow(/stays a template/);
    expect(await uuidOf(name)).toBe(uuid);
    expect(await poolVolumes()).toContain(`${name}.qcow2`);
  });

  it("leaves nothing behind when it fails mid-way", async () => {
    const before = await poolVolumes();
    const seed = async () => {
      // The overlay exists by now: the failure must remove it.
      expect(await poolVolumes()).toContain(`${failed}.qcow2`);
      throw new Error("seed medium not available");
    };
    const job = await finished(await create((await uuidOf(name))!, { name: failed, start: false }, { seed }));
    expect(job.status).toBe("failed");
    expect(job.error).toMatch(/seed medium not available/);
    expect((await poolVolumes()).sort()).toEqual(before.sort()); // libvirt lists volumes in no fixed order
    expect(await uuidOf(failed)).toBeUndefined();
  });

  it("gives the new guest a cloud-init seed with its host name and a new instance id; Remove the seed works", async () => {
    const cloudInit = { mode: "form", hostname: "tmpl-ci1", users: [{ name: "alice", password: "secret-pw-1" }] };
    const job = await finished(await create((await uuidOf(name))!, { name: seeded, start: false, cloudInit }));
    expect(job.status, JSON.stringify(job)).toBe("done");
    const def = Domain.parse(virsh("dumpxml", "--inactive", seeded));
    expect(def.devices.disks.items.find((d) => d.alias === SEED_ALIAS)).toMatchObject({
      device: "cdrom",
      readonly: true,
      sourcePool: "default",
      sourceVolume: seedVolumeName(seeded),
      targetBus: "ide", // the template's machine is pc
    });
    const { label, files } = await readSeedVolume(lv, seedVolumeName(seeded));
    expect(label).toBe("cidata");
    expect(files["meta-data"]).toContain("local-hostname: tmpl-ci1");
    expect(files["meta-data"]).toMatch(new RegExp(`instance-id: ${seeded}-[0-9a-f-]{36}\\n`));
    expect(files["user-data"]).toMatch(/hashed_passwd: \$6\$/);
    const row = (await tc.auditRows("template.create-guest")).at(-1);
    expect(row?.details).toContain(seedVolumeName(seeded));
    expect(row?.details).not.toContain("secret-pw-1");

    await expect(removeCloudInitSeed(ctxOf(admin), { hostId, uuid: (await uuidOf(seeded))! })).resolves.toEqual({
      volume: seedVolumeName(seeded),
    });
    expect(await poolVolumes()).not.toContain(seedVolumeName(seeded));
  });

  it("removes the seed (and the overlay) when a step after it fails", async () => {
    const before = await poolVolumes();
    // More vCPUs than the pc machine takes: the definition or the start is refused once the seed exists.
    const job = await finished(
      await create((await uuidOf(name))!, { name: seedFailed, vcpus: 4096, start: true, cloudInit: { mode: "form", hostname: "x" } }),
    );
    expect(job.status).toBe("failed");
    expect(job.error).toMatch(/CPU/i); // libvirt's refusal, after the seed was made
    expect((await poolVolumes()).sort()).toEqual(before.sort());
    expect(await uuidOf(seedFailed)).toBeUndefined();
  });
});
