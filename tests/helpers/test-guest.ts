// A tiny real Linux guest for integration tests: kernel + busybox initramfs built by
// scripts/test-guest/build.sh, booted directly by QEMU with a pty serial console and VNC
// on 127.0.0.1. Uses KVM when /dev/kvm exists, TCG otherwise.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { accessSync, constants, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Libvirt } from "../../lib/libvirt";
import type { DomainRef } from "../../lib/libvirt/api/domains";
import { VirDomainUndefineFlagsValues } from "../../lib/libvirt/generated/flags";
import { flagSet } from "../../lib/libvirt/flag-set";
import { openGuestConsole } from "./guest-shell";

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
    execFileSync("bash", [path.resolve(__dirname, "../../scripts/test-guest/build.sh")], {
      stdio: "inherit",
      env: { ...process.env, TEST_GUEST_DIR },
    });
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

/** What only some tests need on top of the minimal guest. */
export interface TestGuestXmlExtras {
  /** <memory> (the most the guest may get live); memoryMiB becomes <currentMemory>. */
  maxMemoryMiB?: number;
  /** Online vCPUs at start; defaults to 1. */
  vcpus?: number;
  /** <vcpu> (the most that may be plugged live); vcpus becomes its current= attribute. */
  maxVcpus?: number;
  /** A virtio memballoon, so setMemory on the running guest changes what the guest sees. */
  balloon?: boolean;
  /** Device XML added inside <devices>. */
  extraDevices?: string;
  /** The machine type; defaults to pc (i440FX). */
  machine?: "pc" | "q35";
}

export function testGuestXml(
  name: string,
  image: TestGuestImage,
  memoryMiB = 160,
  type: VirtType = kvmAvailable() ? "kvm" : "qemu",
  graphics = VNC_GRAPHICS,
  extras: TestGuestXmlExtras = {},
): string {
  const maxMemoryMiB = Math.max(extras.maxMemoryMiB ?? memoryMiB, memoryMiB);
  const vcpus = extras.vcpus ?? 1;
  const maxVcpus = Math.max(extras.maxVcpus ?? vcpus, vcpus);
  const memory =
    maxMemoryMiB > memoryMiB
      ? `<memory unit='MiB'>${maxMemoryMiB}</memory>\n  <currentMemory unit='MiB'>${memoryMiB}</currentMemory>`
      : `<memory unit='MiB'>${memoryMiB}</memory>`;
  const vcpu = maxVcpus > vcpus ? `<vcpu current='${vcpus}'>${maxVcpus}</vcpu>` : `<vcpu>${vcpus}</vcpu>`;
  return `<domain type='${type}'>
  <name>${name}</name>
  ${memory}
  ${vcpu}
  <os>
    <type arch='x86_64' machine='${extras.machine ?? "pc"}'>hvm</type>
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
    <memballoon model='${extras.balloon ? "virtio" : "none"}'/>${extras.extraDevices ? `\n    ${extras.extraDevices}` : ""}
  </devices>
</domain>`;
}

export interface RunningTestGuest {
  name: string;
  dom: DomainRef;
  /** Destroys the guest (and undefines a persistent one); safe to call twice. */
  cleanup(): Promise<void>;
}

/**
 * Resolves once the guest's serial console prints the ready marker (its shell and acpid run), then lets
 * go of the console so others can open it. Resolves false after `timeoutMs`.
 */
export function waitForBoot(lv: Libvirt, dom: DomainRef, timeoutMs = 60_000): Promise<boolean> {
  return waitForSerialText(lv, dom, TEST_GUEST_READY_MARKER, timeoutMs);
}

/** Resolves true once the guest's serial console prints `text` (from now on), false after `timeoutMs`. */
export async function waitForSerialText(lv: Libvirt, dom: DomainRef, text: string, timeoutMs = 60_000): Promise<boolean> {
  const console = await openGuestConsole(lv, dom);
  try {
    return await new Promise<boolean>((resolve) => {
      let seen = "";
      const timer = setTimeout(() => resolve(false), timeoutMs);
      console.on("error", () => resolve(false));
      console.on("data", (d: Buffer) => {
        seen += d.toString("latin1");
        if (seen.includes(text)) {
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
 * The probe's answer is kept for the rest of the machine's boot in .cache/, because every test file runs in a
 * fresh worker: where nested KVM hangs, each file would otherwise wait the probe's 20 s before falling back to TCG.
 */
const VIRT_TYPE_CACHE = path.resolve(__dirname, "../../.cache/test-guest-virt-type.json");

function bootId(): string {
  return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
}

function cachedVirtType(): VirtType | null {
  try {
    const cached = JSON.parse(readFileSync(VIRT_TYPE_CACHE, "utf8")) as { bootId?: string; type?: string };
    return cached.bootId === bootId() && (cached.type === "kvm" || cached.type === "qemu") ? cached.type : null;
  } catch {
    return null;
  }
}

async function probeAndRemember(lv: Libvirt): Promise<VirtType> {
  const type = await probeKvm(lv);
  mkdirSync(path.dirname(VIRT_TYPE_CACHE), { recursive: true });
  writeFileSync(VIRT_TYPE_CACHE, JSON.stringify({ bootId: bootId(), type }));
  return type;
}

/**
 * KVM when /dev/kvm exists and a KVM guest actually boots (nested KVM can hang in early
 * boot); TCG otherwise. TEST_GUEST_VIRT_TYPE=kvm|qemu skips the probe.
 */
export function resolveVirtType(lv: Libvirt): Promise<VirtType> {
  const forced = process.env.TEST_GUEST_VIRT_TYPE;
  if (forced === "kvm" || forced === "qemu") return Promise.resolve(forced);
  if (!kvmAvailable()) return Promise.resolve("qemu");
  const cached = cachedVirtType();
  if (cached) return Promise.resolve(cached);
  probedVirtType ??= probeAndRemember(lv);
  return probedVirtType;
}

async function probeKvm(lv: Libvirt, timeoutMs = 20_000): Promise<VirtType> {
  const dom = await lv.domains
    .createTransient(testGuestXml(uniqueGuestName("tg-kvmprobe"), ensureTestGuestImage(), 128, "kvm"))
    .catch(() => null);
  if (!dom) return "qemu";
  try {
    return (await waitForBoot(lv, dom, timeoutMs).catch(() => false)) ? "kvm" : "qemu";
  } finally {
    await lv.domains.destroy(dom).catch(() => undefined);
  }
}

/** Starts a transient guest (it disappears when destroyed, even if the test dies mid-way). */
export async function startTestGuest(
  lv: Libvirt,
  opts: { namePrefix?: string; memoryMiB?: number; graphics?: string } = {},
): Promise<RunningTestGuest> {
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

export interface PersistentTestGuestOptions extends TestGuestXmlExtras {
  namePrefix?: string;
  memoryMiB?: number;
  graphics?: string;
  /** Wait for the ready marker before returning (default true). */
  waitForBoot?: boolean;
  bootTimeoutMs?: number;
}

const {
  VIR_DOMAIN_UNDEFINE_MANAGED_SAVE,
  VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA,
  VIR_DOMAIN_UNDEFINE_NVRAM,
  VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA,
} = VirDomainUndefineFlagsValues;
const UNDEFINE_EVERYTHING = flagSet(
  VIR_DOMAIN_UNDEFINE_MANAGED_SAVE,
  VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA,
  VIR_DOMAIN_UNDEFINE_NVRAM,
  VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA,
);

/**
 * Defines (persistent, like a user's guest) and starts a test guest, e.g. for changes that must
 * reach both the live guest and its saved config. cleanup() destroys and undefines it.
 */
export async function startPersistentTestGuest(lv: Libvirt, opts: PersistentTestGuestOptions = {}): Promise<RunningTestGuest> {
  const image = ensureTestGuestImage();
  const name = uniqueGuestName(opts.namePrefix ?? "tg-persist");
  const xml = testGuestXml(name, image, opts.memoryMiB, await resolveVirtType(lv), opts.graphics, opts);
  const dom = await lv.domains.define(xml);
  const cleanup = async (): Promise<void> => {
    await lv.domains.destroy(dom).catch(() => undefined);
    await lv.domains.undefine(dom, UNDEFINE_EVERYTHING).catch(() => undefined);
  };
  try {
    await lv.domains.start(dom);
    if (opts.waitForBoot !== false && !(await waitForBoot(lv, dom, opts.bootTimeoutMs ?? 90_000)))
      throw new Error(`test guest ${name} did not boot`);
  } catch (e) {
    await cleanup();
    throw e;
  }
  return { name, dom, cleanup };
}

/** Stops and undefines guests a test made, by name (with their NVRAM, snapshots and checkpoints); names libvirt does not know are skipped. */
export async function removeGuests(lv: Libvirt, names: readonly string[]): Promise<void> {
  for (const name of names) {
    const dom = await lv.domains.lookupByName(name).catch(() => null);
    if (!dom) continue;
    await lv.domains.destroy(dom).catch(() => undefined);
    // With its snapshots' and checkpoints' metadata too: libvirt keeps a guest that has any otherwise.
    await lv.domains.undefine(dom, UNDEFINE_EVERYTHING).catch(() => undefined);
  }
}
