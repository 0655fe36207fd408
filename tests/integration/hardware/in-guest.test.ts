// Hardware changes made through the console's own verbs, seen from inside a real running guest: a
// disk (a new volume) and a NIC hot-plugged and removed, memory ballooned, a vCPU plugged, CD media
// changed; and a shut-off guest's boot order edited and seen in what the firmware boots.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import type { DomainRef } from "@/lib/libvirt/api/domains";
import { VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import { resolveGuest } from "@/lib/server/guests/guest-target";
import { addDevice } from "@/lib/server/guests/hardware/add-device";
import { editDevice } from "@/lib/server/guests/hardware/edit-device";
import { readHardware } from "@/lib/server/guests/hardware/read-hardware";
import { removeDevice } from "@/lib/server/guests/hardware/remove-device";
import { setBoot } from "@/lib/server/guests/hardware/set-boot";
import { setCpu } from "@/lib/server/guests/hardware/set-cpu";
import { setMemory } from "@/lib/server/guests/hardware/set-memory";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { addDeviceSchema, deviceFamilyInputs, editDeviceSchema } from "@/lib/validations/hardware";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { writeBootDisk } from "../../helpers/boot-sector";
import { runInGuest, runInGuestFull, waitInGuest } from "../../helpers/guest-shell";
import {
  TEST_GUEST_DIR,
  resolveVirtType,
  startPersistentTestGuest,
  uniqueGuestName,
  type RunningTestGuest,
} from "../../helpers/test-guest";
import { guestCall, type GuestCall } from "../../helpers/verb-context";

const MiB = 1024;

let lv: Libvirt;
let dir: string;
let tc: TestConsole;
let hostId: string;

beforeAll(async () => {
  tc = await startTestConsole();
  hostId = await tc.addHost("local", "qemu:///system");
  lv = await Libvirt.open("qemu:///system");
  // mkdtemp makes the directory 0700; QEMU runs as its own user and must reach the images in it.
  dir = mkdtempSync(path.join(os.tmpdir(), "vc-hwinfra-"));
  chmodSync(dir, 0o755);
});

afterAll(async () => {
  await lv?.close();
  await hostPool().closeAll();
  await tc?.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The change request of an admin for the guest with this handle. */
async function changeFor(dom: DomainRef): Promise<GuestCall> {
  const uuid = (await lv.domains.list()).find((d) => d.name === dom.name)!.uuid;
  return guestCall(await tc.actor(), hostId, uuid);
}
const hardwareOf = async (req: GuestCall) => readHardware(await resolveGuest(req.guest.hostId, req.guest.uuid));
const etagOf = async (req: GuestCall) => (await hardwareOf(req)).etag;
const deviceKeyOf = async (req: GuestCall, pick: (d: Awaited<ReturnType<typeof hardwareOf>>["devices"][number]) => boolean) =>
  (await hardwareOf(req)).devices.find(pick)!.key;

const memTotalKiB = (meminfo: string): number => Number(/^MemTotal:\s+(\d+) kB/m.exec(meminfo)?.[1] ?? NaN);
const words = (out: string): string[] => out.split(/\s+/).filter(Boolean);

describe("a running persistent test guest with a balloon and room for hotplug", () => {
  let guest: RunningTestGuest | undefined;
  let dom: DomainRef;
  let req: GuestCall;

  beforeAll(async () => {
    guest = await startPersistentTestGuest(lv, {
      namePrefix: "vc-hwinfra",
      balloon: true,
      memoryMiB: 192,
      maxMemoryMiB: 256,
      vcpus: 1,
      maxVcpus: 2,
      extraDevices:
        "<controller type='scsi' index='0' model='virtio-scsi'/><disk type='file' device='cdrom'><driver name='qemu' type='raw'/><target dev='hdc' bus='ide'/><readonly/></disk>",
    });
    dom = guest.dom;
    req = await changeFor(dom);
  });
  afterAll(async () => {
    await guest?.cleanup();
  });

  it("is defined, not transient, with the asked memory, vCPU and balloon settings", async () => {
    expect(await lv.domains.isPersistent(dom)).toBe(true);
    const xml = await lv.domains.xml(dom, VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE);
    expect(xml).toContain("<memory unit='KiB'>262144</memory>");
    expect(xml).toContain("<currentMemory unit='KiB'>196608</currentMemory>");
    expect(xml).toMatch(/<vcpu placement='static' current='1'>2<\/vcpu>/);
    expect(xml).toMatch(/<memballoon model='virtio'>/);
    expect(xml).toContain("<controller type='scsi' index='0' model='virtio-scsi'>");
  });

  it("runs commands in the guest, repeatedly, and returns their real output", async () => {
    const kernel = readFileSync(path.join(TEST_GUEST_DIR, "kernel-version"), "utf8").trim();
    expect((await runInGuest(lv, dom, "uname -r")).trim()).toBe(kernel);
    // A second call on the same guest: the console was let go of and is opened again.
    expect(await runInGuest(lv, dom, "echo $((6*7))")).toBe("42\n");
    expect((await runInGuest(lv, dom, "uname -r")).trim()).toBe(kernel);
    const failed = await runInGuestFull(lv, dom, "ls /no-such-dir; echo after");
    expect(failed).toMatchObject({ stdout: "after\n", exitCode: 0 });
    expect(failed.stderr).toMatch(/no-such-dir/);
    expect((await runInGuestFull(lv, dom, "false")).exitCode).toBe(1);
  });

  it("the memory page balloons the running guest down and MemTotal inside it drops", async () => {
    // At start libvirt inflates the balloon from <memory> (256) to <currentMemory> (192): wait for that first.
    const before = memTotalKiB(await waitInGuest(lv, dom, "cat /proc/meminfo", (out) => memTotalKiB(out) <= 192 * MiB, 60_000));
    expect(before).toBeGreaterThan(100 * MiB);
    expect(await setMemory(req.ctx, { ...req.guest, etag: await etagOf(req), currentMiB: 128, maxMiB: 256 })).toEqual({
      ok: true,
      live: "applied",
    });
    const after = memTotalKiB(await waitInGuest(lv, dom, "cat /proc/meminfo", (out) => memTotalKiB(out) <= before - 60 * MiB, 60_000));
    expect(before - after).toBeGreaterThanOrEqual(60 * MiB);
    expect(before - after).toBeLessThanOrEqual(68 * MiB);
  });

  it("the CPU page plugs a vCPU live and it becomes present in the guest", async () => {
    expect((await runInGuest(lv, dom, "cat /sys/devices/system/cpu/present")).trim()).toBe("0");
    const cpu = (await hardwareOf(req)).cpu;
    expect(
      await setCpu(req.ctx, {
        ...req.guest,
        etag: await etagOf(req),
        vcpus: 2,
        maxVcpus: 2,
        mode: cpu.mode,
        model: cpu.model,
        topology: null,
        pins: {},
      }),
    ).toEqual({ ok: true, live: "applied" });
    expect((await waitInGuest(lv, dom, "cat /sys/devices/system/cpu/present", (out) => out.trim() === "0-1", 60_000)).trim()).toBe("0-1");
  });

  it("a disk added on a new volume appears in /sys/block with its size, and goes when removed", async () => {
    const vd = (out: string) => words(out).filter((d) => d.startsWith("vd"));
    const before = vd(await runInGuest(lv, dom, "ls /sys/block"));
    const values = {
      ...deviceFamilyInputs.disk!.form.defaults,
      sourceKind: "new",
      newPool: "default",
      newSizeGiB: 8 / 1024,
      newFormat: "raw",
      bus: "virtio",
    };
    expect(
      await addDevice(req.ctx, {
        ...req.guest,
        ...addDeviceSchema.parse({ etag: await etagOf(req), family: "disk", values, persistentOnly: false }),
      }),
    ).toEqual({
      ok: true,
      live: "applied",
    });
    const added = vd(await waitInGuest(lv, dom, "ls /sys/block", (out) => vd(out).length > before.length, 60_000)).filter(
      (d) => !before.includes(d),
    );
    expect(added).toHaveLength(1);
    // 8 MiB in 512-byte sectors: the guest sees the new volume, not just some device.
    expect((await runInGuest(lv, dom, `cat /sys/block/${added[0]}/size`)).trim()).toBe(String((8 * 1024 * 1024) / 512));
    const disk = (await hardwareOf(req)).devices.find((d) => d.family === "disk" && d.values.device === "disk")!;
    expect(disk.pending).toBeNull();
    const volumePath = String(disk.values.path);
    expect(volumePath).toMatch(new RegExp(`${dom.name}-vd[a-z]\\.img$`));
    expect(await removeDevice(req.ctx, { ...req.guest, key: disk.key, etag: await etagOf(req), persistentOnly: false })).toEqual({
      ok: true,
      live: "applied",
    });
    expect(vd(await waitInGuest(lv, dom, "ls /sys/block", (out) => !vd(out).includes(added[0]), 60_000))).toEqual(before);
    expect(await lv.domains.xml(dom, VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE)).not.toContain(volumePath);
    await lv.storage.deleteVolume(await lv.storage.lookupVolumeByPath(volumePath));
  });

  it("a SCSI disk added by host path appears as sd*, and goes when removed", async () => {
    const image = path.join(dir, "hotplug-scsi.raw");
    writeFileSync(image, Buffer.alloc(4 * 1024 * 1024));
    const sd = (out: string) => words(out).filter((d) => d.startsWith("sd"));
    expect(sd(await runInGuest(lv, dom, "ls /sys/block"))).toEqual([]);
    const values = { ...deviceFamilyInputs.disk!.form.defaults, sourceKind: "path", path: image, bus: "scsi" };
    expect(
      await addDevice(req.ctx, {
        ...req.guest,
        ...addDeviceSchema.parse({ etag: await etagOf(req), family: "disk", values, persistentOnly: false }),
      }),
    ).toEqual({
      ok: true,
      live: "applied",
    });
    const added = sd(await waitInGuest(lv, dom, "ls /sys/block", (out) => sd(out).length === 1, 60_000));
    expect((await runInGuest(lv, dom, `cat /sys/block/${added[0]}/size`)).trim()).toBe(String((4 * 1024 * 1024) / 512));
    await removeDevice(req.ctx, {
      ...req.guest,
      key: await deviceKeyOf(req, (d) => d.values.path === image),
      etag: await etagOf(req),
      persistentOnly: false,
    });
    expect(sd(await waitInGuest(lv, dom, "ls /sys/block", (out) => sd(out).length === 0, 60_000))).toEqual([]);
  });

  it("a NIC added on the default network appears with its MAC, takes a link change live, and goes when removed", async () => {
    const mac = `52:54:00:${[1, 2, 3]
      .map(() =>
        Math.floor(Math.random() * 256)
          .toString(16)
          .padStart(2, "0"),
      )
      .join(":")}`;
    const list = "ls /sys/class/net";
    const before = words(await runInGuest(lv, dom, list));
    const values = { ...deviceFamilyInputs.interface!.form.defaults, source: "network", network: "default", model: "virtio", mac };
    expect(
      await addDevice(req.ctx, {
        ...req.guest,
        ...addDeviceSchema.parse({ etag: await etagOf(req), family: "interface", values, persistentOnly: false }),
      }),
    ).toEqual({
      ok: true,
      live: "applied",
    });
    const added = words(await waitInGuest(lv, dom, list, (out) => words(out).length > before.length, 60_000)).filter(
      (n) => !before.includes(n),
    );
    expect(added).toHaveLength(1);
    expect((await runInGuest(lv, dom, `cat /sys/class/net/${added[0]}/address`)).trim()).toBe(mac);
    const key = await deviceKeyOf(req, (d) => d.values.mac === mac);
    expect(
      await editDevice(req.ctx, {
        ...req.guest,
        key: key,
        ...editDeviceSchema.parse({ etag: await etagOf(req), family: "interface", values: { ...values, linkState: "down" } }),
      }),
    ).toEqual({ ok: true, live: "applied" });
    expect(await lv.domains.xml(dom)).toMatch(new RegExp(`<mac address='${mac}'/>[\\s\\S]*?<link state='down'/>`));
    await removeDevice(req.ctx, { ...req.guest, key: key, etag: await etagOf(req), persistentOnly: false });
    expect(words(await waitInGuest(lv, dom, list, (out) => !words(out).includes(added[0]), 60_000))).toEqual(before);
  });

  it("changes the CD-ROM media of the running guest and ejects it", async () => {
    const iso = path.join(dir, "media.iso");
    writeFileSync(iso, Buffer.alloc(1024 * 1024));
    const cdrom = (await hardwareOf(req)).devices.find((d) => d.values.device === "cdrom")!;
    expect(cdrom.values.sourceKind).toBe("none");
    const result = await editDevice(req.ctx, {
      ...req.guest,
      key: cdrom.key,
      ...editDeviceSchema.parse({ etag: await etagOf(req), family: "disk", values: { ...cdrom.values, sourceKind: "path", path: iso } }),
    });
    expect(result).toEqual({ ok: true, live: "applied" });
    // QEMU's own view of the drive, and no change left waiting for a shutdown.
    expect(await lv.domains.xml(dom)).toContain(`<source file='${iso}'`);
    expect((await hardwareOf(req)).devices.find((d) => d.key === cdrom.key)!.pending).toBeNull();
    await editDevice(req.ctx, {
      ...req.guest,
      key: cdrom.key,
      ...editDeviceSchema.parse({ etag: await etagOf(req), family: "disk", values: { ...cdrom.values, sourceKind: "none", path: "" } }),
    });
    expect(await lv.domains.xml(dom)).not.toContain(iso);
  });
});

describe("boot order on a plain BIOS guest with two boot-sector disks", () => {
  const name = uniqueGuestName("vc-hwboot");
  let dom: DomainRef | undefined;

  afterAll(async () => {
    if (!dom) return;
    await lv.domains.destroy(dom).catch(() => undefined);
    await lv.domains.undefine(dom).catch(() => undefined);
  });

  /** No kernel, no initrd: SeaBIOS boots a disk's first sector. A file serial keeps what it printed. */
  const bootXml = (type: string, orderA: number, orderB: number, serialLog: string) => `<domain type='${type}'>
  <name>${name}</name>
  <memory unit='MiB'>32</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <on_poweroff>destroy</on_poweroff>
  <on_crash>destroy</on_crash>
  <devices>
    <disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='${path.join(dir, "boot-a.raw")}'/><target dev='vda' bus='virtio'/><boot order='${orderA}'/></disk>
    <disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='${path.join(dir, "boot-b.raw")}'/><target dev='vdb' bus='virtio'/><boot order='${orderB}'/></disk>
    <serial type='file'><source path='${serialLog}'/><target port='0'/></serial>
    <memballoon model='none'/>
  </devices>
</domain>`;

  /** Starts the defined guest and returns what its serial port printed once a boot text shows up. */
  async function bootAndRead(serialLog: string, timeoutMs = 60_000): Promise<string> {
    await lv.domains.start(dom!);
    try {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const text = existsSync(serialLog) ? readFileSync(serialLog, "latin1") : "";
        if (/BOOT-[AB]\r\n/.test(text)) return text;
        if (Date.now() > deadline) throw new Error(`no boot text on the serial port within ${timeoutMs} ms; got: ${JSON.stringify(text)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    } finally {
      await lv.domains.destroy(dom!).catch(() => undefined);
    }
  }

  it("boots the disk first in the boot order, and the other one once the boot page swapped them", async () => {
    writeBootDisk(path.join(dir, "boot-a.raw"), "BOOT-A");
    writeBootDisk(path.join(dir, "boot-b.raw"), "BOOT-B");
    const type = await resolveVirtType(lv);

    dom = await lv.domains.define(bootXml(type, 1, 2, path.join(dir, "serial-1.log")));
    const first = await bootAndRead(path.join(dir, "serial-1.log"));
    expect(first).toContain("BOOT-A");
    expect(first).not.toContain("BOOT-B");

    // The console's boot page: vdb first, then vda. The firmware must follow it on the next start.
    const req = await changeFor(dom);
    const boot = (await hardwareOf(req)).boot;
    expect(boot.entries.map((e) => [e.key, e.order])).toEqual([
      ["disk:0", 1],
      ["disk:1", 2],
    ]);
    await setBoot(req.ctx, {
      ...req.guest,
      etag: await etagOf(req),
      autostart: false,
      bootMenu: false,
      order: ["disk:1", "disk:0"],
      kernel: "",
      initrd: "",
      cmdline: "",
    });
    expect(await lv.domains.xml(dom, VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE)).toMatch(
      /boot-b\.raw'\/>\s*<target dev='vdb' bus='virtio'\/>\s*<boot order='1'\/>/,
    );
    rmSync(path.join(dir, "serial-1.log"));
    const second = await bootAndRead(path.join(dir, "serial-1.log"));
    expect(second).toContain("BOOT-B");
    expect(second).not.toContain("BOOT-A");
  });
});
