// Cloning on the real libvirtd: a shut-off test guest with a qcow2 disk, a raw data disk and a NIC is
// cloned with both disks copied; the clone boots with its own MAC and its copies match the originals.
// Refusals (running guest, a paused guest's locked qcow2, taken names) create nothing; a UEFI guest's
// variables are copied.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, readFileSync, rmSync } from "node:fs";
import { createHash, randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import { VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import type { JobView } from "@/lib/jobs/types";
import type { Actor } from "@/lib/server/auth/session";
import { cloneGuest } from "@/lib/server/guests/clone/clone-guest";
import { planClone } from "@/lib/server/guests/clone/plan-clone";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { Domain } from "@/lib/xml";
import { jobFinished } from "../../helpers/jobs";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { runInGuest } from "../../helpers/guest-shell";
import { randomGuestMac } from "../../helpers/networks";
import { ensureTestGuestImage, removeGuests, resolveVirtType, testGuestXml, uniqueGuestName, waitForBoot } from "../../helpers/test-guest";
import { ctxOf } from "../../helpers/verb-context";

let tc: TestConsole;
let admin: Actor;
let hostId: string;
let lv: Libvirt;
const name = uniqueGuestName("vc-clone");
const cloneName = `${name}-copy`;
const uefiName = `${name}-uefi`;
const images = "/var/lib/libvirt/images";
const nvramDir = "/var/lib/libvirt/qemu/nvram";
const mac = randomGuestMac();
const volumes = [`${name}.qcow2`, `${name}-data.img`, `${cloneName}.qcow2`, `${cloneName}-data.img`, "vc-clone-taken.img"];

const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");
const uuidOf = async (guest: string) => (await lv.domains.list()).find((d) => d.name === guest)?.uuid;

const finished = (job: JobView) => jobFinished(job, admin.id, { pollMs: 200 });

beforeAll(async () => {
  tc = await startTestConsole();
  admin = await tc.actor();
  hostId = await tc.addHost("local", "qemu:///system");
  lv = await Libvirt.open("qemu:///system");
  const pool = await lv.storage.lookupPool("default");
  await lv.storage.createVolume(
    pool,
    `<volume><name>${name}.qcow2</name><capacity unit='MiB'>32</capacity><target><format type='qcow2'/></target></volume>`,
  );
  const data = await lv.storage.createVolume(
    pool,
    `<volume><name>${name}-data.img</name><capacity unit='MiB'>4</capacity><target><format type='raw'/></target></volume>`,
  );
  await lv.storage.upload(data, Readable.from([randomBytes(4 * 1024 * 1024)]));
  const disks = `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${images}/${name}.qcow2'/><target dev='vda' bus='virtio'/></disk>
    <disk type='volume' device='disk'><driver name='qemu' type='raw'/><source pool='default' volume='${name}-data.img'/><target dev='vdb' bus='virtio'/></disk>
    <interface type='network'><source network='default'/><mac address='${mac}'/><model type='virtio'/></interface>`;
  await lv.domains.define(testGuestXml(name, ensureTestGuestImage(), 128, await resolveVirtType(lv), undefined, { extraDevices: disks }));
});

afterAll(async () => {
  await removeGuests(lv, [name, cloneName, uefiName, `${uefiName}-clone`]);
  for (const vol of volumes) {
    try {
      execFileSync("virsh", ["-c", "qemu:///system", "vol-delete", "--pool", "default", vol], { stdio: "ignore" });
    } catch {
      // already gone
    }
  }
  for (const file of [`${uefiName}_VARS.fd`, `${uefiName}-clone_VARS.fd`]) rmSync(`${nvramDir}/${file}`, { force: true });
  await lv.close();
  await hostPool().closeAll();
  await tc.cleanup();
});

describe("clone a guest", () => {
  it("plans both disks as copies into their pool and proposes a free name", async () => {
    const plan = await planClone(ctxOf(admin), { hostId, uuid: (await uuidOf(name))! });
    expect(plan).toMatchObject({ name, state: "shutoff", refusal: null, proposedName: `${name}-clone`, nvram: null });
    expect(plan.disks.map((d) => [d.target, d.pool, d.volume, d.format, d.defaultAction, d.copyRefusal])).toEqual([
      ["vda", "default", `${name}.qcow2`, "qcow2", "copy", null],
      ["vdb", "default", `${name}-data.img`, "raw", "copy", null],
    ]);
  });

  it("refuses a running guest and a taken volume name, creating nothing", async () => {
    const uuid = (await uuidOf(name))!;
    const dom = await lv.domains.lookupByName(name);
    await lv.domains.start(dom);
    try {
      await expect(cloneGuest(ctxOf(admin), { hostId, uuid, name: cloneName, disks: [] })).rejects.toThrow(/Shut down or pause/);
      // Paused: the raw disk can be copied (libvirt reads it itself), the qcow2 one is locked by QEMU.
      await lv.domains.suspend(dom);
      const paused = await planClone(ctxOf(admin), { hostId, uuid });
      expect(paused.refusal).toBeNull();
      expect(paused.disks.map((d) => [d.target, d.defaultAction, d.copyRefusal])).toEqual([
        ["vda", "share", { key: "pausedLocked", format: "qcow2" }],
        ["vdb", "copy", null],
      ]);
      await expect(
        cloneGuest(ctxOf(admin), { hostId, uuid, name: cloneName, disks: [{ target: "vda", action: "copy", volume: "x.qcow2" }] }),
      ).rejects.toMatchObject({ status: 422 });
    } finally {
      await lv.domains.destroy(dom);
    }
    const pool = await lv.storage.lookupPool("default");
    await lv.storage.createVolume(
      pool,
      `<volume><name>vc-clone-taken.img</name><capacity unit='KiB'>64</capacity><target><format type='raw'/></target></volume>`,
    );
    await expect(
      cloneGuest(ctxOf(admin), {
        hostId,
        uuid,
        name: cloneName,
        disks: [
          { target: "vda", action: "copy", volume: `${cloneName}.qcow2` },
          { target: "vdb", action: "copy", volume: "vc-clone-taken.img" },
        ],
      }),
    ).rejects.toMatchObject({ status: 409, fields: { "disks.1.volume": "This name is taken" } });
    await expect(cloneGuest(ctxOf(admin), { hostId, uuid, name, disks: [] })).rejects.toMatchObject({
      status: 409,
      fields: { name: "This name is taken" },
    });
    expect(await uuidOf(cloneName)).toBeUndefined();
    expect(existsSync(`${images}/${cloneName}.qcow2`)).toBe(false);
  });

  it("copies both disks with progress, gives the clone a new UUID and MAC, and the clone boots", async () => {
    const uuid = (await uuidOf(name))!;
    const job = await cloneGuest(ctxOf(admin), {
      hostId,
      uuid,
      name: cloneName,
      disks: [
        { target: "vda", action: "copy", volume: `${cloneName}.qcow2` },
        { target: "vdb", action: "copy", volume: `${cloneName}-data.img` },
      ],
    });
    const done = await finished(job);
    expect(done.error).toBeUndefined();
    expect(done.status).toBe("done");
    expect(done.total).toBeGreaterThan(4 * 1024 * 1024);
    expect(done.done).toBe(done.total);
    const cloneUuid = (done.result as { uuid: string }).uuid;
    expect(await uuidOf(cloneName)).toBe(cloneUuid);
    expect(cloneUuid).not.toBe(uuid);

    expect(sha256(`${images}/${cloneName}-data.img`)).toBe(sha256(`${images}/${name}-data.img`));
    execFileSync("qemu-img", ["compare", "-f", "qcow2", "-F", "qcow2", `${images}/${name}.qcow2`, `${images}/${cloneName}.qcow2`]);

    const clone = await lv.domains.lookupByName(cloneName);
    const xml = Domain.parse(await lv.domains.xml(clone, VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE));
    const cloneMac = xml.devices.interfaces.at(0)!.mac!;
    expect(cloneMac).toMatch(/^52:54:00:/);
    expect(cloneMac).not.toBe(mac);
    expect(xml.devices.disks.map((d) => d.sourceFile)).toEqual([`${images}/${cloneName}.qcow2`, `${images}/${cloneName}-data.img`]);

    await lv.domains.start(clone);
    expect(await waitForBoot(lv, clone, 90_000)).toBe(true);
    const seen = await runInGuest(lv, clone, "cat /sys/class/net/eth0/address; cat /sys/block/vdb/size");
    expect(seen.split(/\s+/).filter(Boolean)).toEqual([cloneMac, String((4 * 1024 * 1024) / 512)]);
    expect((await tc.auditRows("guest.clone")).map((r) => r.result)).toEqual(["error", "error", "error", "error", "ok"]);
  });

  it("copies a UEFI guest's variables to <clone>_VARS.fd", async () => {
    const ovmfVars = "/usr/share/OVMF/OVMF_VARS_4M.fd";
    const uefiXml = testGuestXml(uefiName, ensureTestGuestImage(), 128, "qemu")
      .replace("<os>", "<os firmware='efi'>")
      .replace("machine='pc'", "machine='q35'")
      .replace("</os>", `  <nvram>${nvramDir}/${uefiName}_VARS.fd</nvram>\n  </os>`);
    await lv.domains.define(uefiXml);
    copyFileSync(ovmfVars, `${nvramDir}/${uefiName}_VARS.fd`);
    const plan = await planClone(ctxOf(admin), { hostId, uuid: (await uuidOf(uefiName))! });
    expect(plan.nvram).toBe(`${nvramDir}/${uefiName}_VARS.fd`);
    const done = await finished(
      await cloneGuest(ctxOf(admin), { hostId, uuid: (await uuidOf(uefiName))!, name: `${uefiName}-clone`, disks: [] }),
    );
    expect(done.error).toBeUndefined();
    expect(sha256(`${nvramDir}/${uefiName}-clone_VARS.fd`)).toBe(sha256(ovmfVars));
    const clone = Domain.parse(
      await lv.domains.xml(await lv.domains.lookupByName(`${uefiName}-clone`), VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE),
    );
    expect(clone.os.nvram).toBe(`${nvramDir}/${uefiName}-clone_VARS.fd`);
    // The transient pool made to reach libvirt's NVRAM directory is gone again.
    expect((await lv.storage.listPools()).map((p) => p.name).filter((n) => n.startsWith("virt-console-nvram-"))).toEqual([]);
  });
});
