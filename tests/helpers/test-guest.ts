// A tiny real Linux guest for integration tests: kernel + busybox initramfs built by
// scripts/test-guest/build.sh, booted directly by QEMU with a pty serial console and VNC
// on 127.0.0.1. Uses KVM when /dev/kvm exists, TCG otherwise.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { accessSync, constants, readFileSync } from "node:fs";
import path from "node:path";
import type { Libvirt } from "../../lib/libvirt";
import type { DomainRef } from "../../lib/libvirt/api/domains";

export const TEST_GUEST_DIR = process.env.TEST_GUEST_DIR ?? "/var/cache/virt-console/test-guest";
export const TEST_GUEST_READY_MARKER = "TESTGUEST READY";

export interface TestGuestImage {
  kernel: string;
  initrd: string;
  cmdline: string;
}

let built = false;

/** Runs the builder once per process (it returns at once when the cached build is current) and returns the image paths. */
export function ensureTestGuestImage(): TestGuestImage {
  const kernel = path.join(TEST_GUEST_DIR, "vmlinuz");
  const initrd = path.join(TEST_GUEST_DIR, "initrd.img");
  if (!built) {
    execFileSync("bash", [path.resolve(__dirname, "../../scripts/test-guest/build.sh")], { stdio: "inherit", env: { ...process.env, TEST_GUEST_DIR } });
    built = true;
  }
  const cmdline = readFileSync(path.join(TEST_GUEST_DIR, "cmdline"), "utf8").trim();
  return { kernel, initrd, cmdline };
}

export function kvmAvailable(): boolean {
  try {
    accessSync("/dev/kvm", constants.R_OK | constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export function uniqueGuestName(prefix = "tg"): string {
  return `${prefix}-${process.pid}-${randomBytes(3).toString("hex")}`;
}

export type VirtType = "kvm" | "qemu";

/** The display most tests want; console tests pass others (a VNC password, SPICE). */
export const VNC_GRAPHICS = "<graphics type='vnc' autoport='yes' listen='127.0.0.1'/>";

export function testGuestXml(name: string, image: TestGuestImage, memoryMiB = 160, type: VirtType = kvmAvailable() ? "kvm" : "qemu", graphics = VNC_GRAPHICS): string {
  return `<domain type='${type}'>
  <name>${name}</name>
  <memory unit='MiB'>${memoryMiB}</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <kernel>${image.kernel}</kernel>
    <initrd>${image.initrd}</initrd>
    <cmdline>${image.cmdline}</cmdline>
  </os>
  <features><acpi/></features>
  <on_poweroff>destroy</on_poweroff>
  <on_crash>destroy</on_crash>
  <devices>
    <serial type='pty'><target port='0'/></serial>
    <console type='pty'><target type='serial' port='0'/></console>
    ${graphics}
    <video><model type='vga'/></video>
    <memballoon model='none'/>
  </devices>
</domain>`;
}

export interface RunningTestGuest {
  name: string;
  dom: DomainRef;
  /** Destroys the transient guest; safe to call twice. */
  cleanup(): Promise<void>;
}

/**
 * Resolves once the guest's serial console prints the ready marker (its shell and acpid run), then lets
 * go of the console so others can open it. Resolves false after `timeoutMs`.
 */
export async function waitForBoot(lv: Libvirt, dom: DomainRef, timeoutMs = 60_000): Promise<boolean> {
  const console = await lv.domains.openConsole(dom);
  try {
    return await new Promise<boolean>((resolve) => {
      let text = "";
      const timer = setTimeout(() => resolve(false), timeoutMs);
      console.on("error", () => resolve(false));
      console.on("data", (d: Buffer) => {
        text += d.toString("latin1");
        if (text.includes(TEST_GUEST_READY_MARKER)) {
          clearTimeout(timer);
          resolve(true);
        }
      });
    });
  } finally {
    console.destroy();
  }
}

let probedVirtType: Promise<VirtType> | null = null;

/**
 * KVM when /dev/kvm exists and a KVM guest actually boots (nested KVM can hang in early
 * boot); TCG otherwise. TEST_GUEST_VIRT_TYPE=kvm|qemu skips the probe.
 */
export function resolveVirtType(lv: Libvirt): Promise<VirtType> {
  const forced = process.env.TEST_GUEST_VIRT_TYPE;
  if (forced === "kvm" || forced === "qemu") return Promise.resolve(forced);
  if (!kvmAvailable()) return Promise.resolve("qemu");
  probedVirtType ??= probeKvm(lv);
  return probedVirtType;
}

async function probeKvm(lv: Libvirt, timeoutMs = 20_000): Promise<VirtType> {
  const dom = await lv.domains.createTransient(testGuestXml(uniqueGuestName("tg-kvmprobe"), ensureTestGuestImage(), 128, "kvm")).catch(() => null);
  if (!dom) return "qemu";
  try {
    return (await waitForBoot(lv, dom, timeoutMs).catch(() => false)) ? "kvm" : "qemu";
  } finally {
    await lv.domains.destroy(dom).catch(() => undefined);
  }
}

/** Starts a transient guest (it disappears when destroyed, even if the test dies mid-way). */
export async function startTestGuest(lv: Libvirt, opts: { namePrefix?: string; memoryMiB?: number; graphics?: string } = {}): Promise<RunningTestGuest> {
  const image = ensureTestGuestImage();
  const name = uniqueGuestName(opts.namePrefix);
  const dom = await lv.domains.createTransient(testGuestXml(name, image, opts.memoryMiB, await resolveVirtType(lv), opts.graphics));
  return {
    name,
    dom,
    cleanup: async () => {
      await lv.domains.destroy(dom).catch(() => undefined);
    },
  };
}
