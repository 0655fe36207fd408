// Proves the test infrastructure hardware tests stand on, against the real libvirtd: commands run
// inside a running test guest, and memory, vCPU, disk and NIC changes made through libvirt show up
// in what the guest itself sees; boot-sector disks show which disk the firmware booted.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import type { DomainRef } from "@/lib/libvirt/api/domains";
import { writeBootDisk } from "../../helpers/boot-sector";
import { runInGuest, runInGuestFull, waitInGuest } from "../../helpers/guest-shell";
import { TEST_GUEST_DIR, resolveVirtType, startPersistentTestGuest, uniqueGuestName, type RunningTestGuest } from "../../helpers/test-guest";

const LIVE = 1;
const MiB = 1024;

let lv: Libvirt;
let dir: string;

beforeAll(async () => {
  lv = await Libvirt.open("qemu:///system");
  // mkdtemp makes the directory 0700; QEMU runs as its own user and must reach the images in it.
  dir = mkdtempSync(path.join(os.tmpdir(), "vc-hwinfra-"));
  chmodSync(dir, 0o755);
});

afterAll(async () => {
  await lv?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const memTotalKiB = (meminfo: string): number => Number(/^MemTotal:\s+(\d+) kB/m.exec(meminfo)?.[1] ?? NaN);
const words = (out: string): string[] => out.split(/\s+/).filter(Boolean);

describe("a running persistent test guest with a balloon and room for hotplug", () => {
  let guest: RunningTestGuest | undefined;
  let dom: DomainRef;

  beforeAll(async () => {
    guest = await startPersistentTestGuest(lv, {
      namePrefix: "vc-hwinfra",
      balloon: true,
      memoryMiB: 192,
      maxMemoryMiB: 256,
      vcpus: 1,
      maxVcpus: 2,
      extraDevices: "<controller type='scsi' index='0' model='virtio-scsi'/>",
    });
    dom = guest.dom;
  });
  afterAll(async () => {
    await guest?.cleanup();
  });

  it("is defined, not transient, with the asked memory, vCPU and balloon settings", async () => {
    expect(await lv.domains.isPersistent(dom)).toBe(true);
    const xml = await lv.domains.xml(dom, 2 /* INACTIVE */);
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

  it("ballooning the running guest down lowers MemTotal inside it", async () => {
    // At start libvirt inflates the balloon from <memory> (256) to <currentMemory> (192): wait for that first.
    const before = memTotalKiB(await waitInGuest(lv, dom, "cat /proc/meminfo", (out) => memTotalKiB(out) <= 192 * MiB, 60_000));
    expect(before).toBeGreaterThan(100 * MiB);
    await lv.domains.setMemory(dom, 128 * MiB, LIVE);
    const after = memTotalKiB(await waitInGuest(lv, dom, "cat /proc/meminfo", (out) => memTotalKiB(out) <= before - 60 * MiB, 60_000));
    expect(before - after).toBeGreaterThanOrEqual(60 * MiB);
    expect(before - after).toBeLessThanOrEqual(68 * MiB);
  });

  it("a vCPU plugged live becomes present in the guest", async () => {
    expect((await runInGuest(lv, dom, "cat /sys/devices/system/cpu/present")).trim()).toBe("0");
    await lv.domains.setVcpus(dom, 2, LIVE);
    expect((await waitInGuest(lv, dom, "cat /sys/devices/system/cpu/present", (out) => out.trim() === "0-1", 60_000)).trim()).toBe("0-1");
  });

  it("a virtio disk attached live appears in /sys/block with its size, and goes when detached", async () => {
    const image = path.join(dir, "hotplug.raw");
    writeFileSync(image, Buffer.alloc(8 * 1024 * 1024));
    const disk = `<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='${image}'/><target dev='vdb' bus='virtio'/></disk>`;
    const vd = (out: string) => words(out).filter((d) => d.startsWith("vd"));
    const before = vd(await runInGuest(lv, dom, "ls /sys/block"));
    await lv.domains.attachDevice(dom, disk, LIVE);
    const added = vd(await waitInGuest(lv, dom, "ls /sys/block", (out) => vd(out).length > before.length, 60_000)).filter((d) => !before.includes(d));
    expect(added).toHaveLength(1);
    // 8 MiB in 512-byte sectors: the guest sees our file, not just some device.
    expect((await runInGuest(lv, dom, `cat /sys/block/${added[0]}/size`)).trim()).toBe(String((8 * 1024 * 1024) / 512));
    await lv.domains.detachDevice(dom, disk, LIVE);
    expect(vd(await waitInGuest(lv, dom, "ls /sys/block", (out) => !vd(out).includes(added[0]), 60_000))).toEqual(before);
  });

  it("a SCSI disk attached live on the virtio-scsi controller appears as sd*, and goes when detached", async () => {
    const image = path.join(dir, "hotplug-scsi.raw");
    writeFileSync(image, Buffer.alloc(4 * 1024 * 1024));
    const disk = `<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='${image}'/><target dev='sda' bus='scsi'/></disk>`;
    const sd = (out: string) => words(out).filter((d) => d.startsWith("sd"));
    expect(sd(await runInGuest(lv, dom, "ls /sys/block"))).toEqual([]);
    await lv.domains.attachDevice(dom, disk, LIVE);
    const added = sd(await waitInGuest(lv, dom, "ls /sys/block", (out) => sd(out).length === 1, 60_000));
    expect((await runInGuest(lv, dom, `cat /sys/block/${added[0]}/size`)).trim()).toBe(String((4 * 1024 * 1024) / 512));
    await lv.domains.detachDevice(dom, disk, LIVE);
    expect(sd(await waitInGuest(lv, dom, "ls /sys/block", (out) => sd(out).length === 0, 60_000))).toEqual([]);
  });

  it("a virtio NIC attached live appears as a new interface with its MAC, and goes when detached", async () => {
    const mac = `52:54:00:${[1, 2, 3].map(() => Math.floor(Math.random() * 256).toString(16).padStart(2, "0")).join(":")}`;
    const nic = `<interface type='network'><source network='default'/><mac address='${mac}'/><model type='virtio'/></interface>`;
    const list = "ls /sys/class/net";
    const before = words(await runInGuest(lv, dom, list));
    await lv.domains.attachDevice(dom, nic, LIVE);
    const added = words(await waitInGuest(lv, dom, list, (out) => words(out).length > before.length, 60_000)).filter((n) => !before.includes(n));
    expect(added).toHaveLength(1);
    expect((await runInGuest(lv, dom, `cat /sys/class/net/${added[0]}/address`)).trim()).toBe(mac);
    await lv.domains.detachDevice(dom, nic, LIVE);
    expect(words(await waitInGuest(lv, dom, list, (out) => !words(out).includes(added[0]), 60_000))).toEqual(before);
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
  const bootXml = (type: string, orderA: number, orderB: number, serialLog: string, uuid = "") => `<domain type='${type}'>
  <name>${name}</name>${uuid ? `\n  <uuid>${uuid}</uuid>` : ""}
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

  it("boots the disk with boot order 1, and the other one once the orders are swapped", async () => {
    writeBootDisk(path.join(dir, "boot-a.raw"), "BOOT-A");
    writeBootDisk(path.join(dir, "boot-b.raw"), "BOOT-B");
    const type = await resolveVirtType(lv);

    dom = await lv.domains.define(bootXml(type, 1, 2, path.join(dir, "serial-1.log")));
    const first = await bootAndRead(path.join(dir, "serial-1.log"));
    expect(first).toContain("BOOT-A");
    expect(first).not.toContain("BOOT-B");

    // Redefining the same (stopped) guest, same UUID, replaces its config; a fresh log file per boot.
    const uuid = /<uuid>([^<]+)<\/uuid>/.exec(await lv.domains.xml(dom))![1];
    dom = await lv.domains.define(bootXml(type, 2, 1, path.join(dir, "serial-2.log"), uuid));
    expect(await lv.domains.xml(dom, 2)).toMatch(/boot-b\.raw'\/>\s*<target dev='vdb' bus='virtio'\/>\s*<boot order='1'\/>/);
    const second = await bootAndRead(path.join(dir, "serial-2.log"));
    expect(second).toContain("BOOT-B");
    expect(second).not.toContain("BOOT-A");
  });
});
