// The wizard's other install methods on the real libvirtd: a PXE guest on the default network whose
// firmware asks the network's DHCP server for a boot lease, and an imported disk image that boots.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import type { DomainRef } from "@/lib/libvirt/api/domains";
import { VirDomainConsoleFlags, VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import type { Actor } from "@/lib/server/auth/session";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { createGuest } from "@/lib/server/new-guest/create-guest";
import { newGuestSchema } from "@/lib/validations/new-guest";
import { Domain } from "@/lib/xml";
import { writeBootDisk } from "../../helpers/boot-sector";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { uploadToDefaultPool } from "../../helpers/iso-volume";
import { resolveVirtType, uniqueGuestName, removeGuests } from "../../helpers/test-guest";
import { ctxOf } from "../../helpers/verb-context";

let tc: TestConsole;
let admin: Actor;
let hostId: string;
let lv: Libvirt;
let dir: string;
const made: string[] = [];
const importName = `${uniqueGuestName("vc-import")}.img`;

const input = async (name: string, extra: Record<string, unknown>) =>
  newGuestSchema.parse({
    name,
    os: "generic",
    memoryMiB: 128,
    vcpus: 1,
    storage: { kind: "none" },
    network: { type: "none" },
    virtType: await resolveVirtType(lv),
    ...extra,
  });

async function until<T>(what: string, read: () => Promise<T | null>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await read();
    if (found !== null) return found;
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms: not seen`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** What the guest's serial console prints within `ms`, read from libvirt's console stream. */
async function serialOutput(dom: DomainRef, ms: number, until: RegExp): Promise<string> {
  const stream = await lv.domains.openConsole(dom, { flags: VirDomainConsoleFlags.VIR_DOMAIN_CONSOLE_SAFE });
  let text = "";
  try {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      stream.on("data", (d: Buffer) => {
        text += d.toString("latin1");
        if (until.test(text)) {
          clearTimeout(timer);
          resolve();
        }
      });
      stream.on("end", resolve);
    });
  } finally {
    stream.destroy();
  }
  return text;
}

beforeAll(async () => {
  tc = await startTestConsole();
  admin = await tc.actor();
  hostId = await tc.addHost("local", "qemu:///system");
  lv = await Libvirt.open("qemu:///system");
  dir = mkdtempSync(path.join(tmpdir(), "vc-methods-"));
  const image = path.join(dir, "boot.img");
  writeBootDisk(image, "IMPORTED-DISK-BOOTED");
  await uploadToDefaultPool(lv, importName, image);
});

afterAll(async () => {
  await removeGuests(lv, made);
  const pool = await lv.storage.lookupPool("default");
  for (const vol of await lv.storage.listVolumes(pool))
    if (vol.name === importName) await lv.storage.deleteVolume(vol).catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
  await lv.close();
  await hostPool().closeAll();
  await tc.cleanup();
});

describe("install methods", () => {
  it("PXE: the NIC boots first and the firmware asks the default network's DHCP server for a lease", async () => {
    const name = uniqueGuestName("vc-pxe");
    made.push(name);
    await createGuest(ctxOf(admin), {
      hostId,
      ...(await input(name, { install: { method: "pxe" }, network: { type: "network", name: "default" } })),
    });
    const dom = await lv.domains.lookupByName(name);
    const saved = Domain.parse(await lv.domains.xml(dom, VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE));
    const nic = saved.devices.interfaces.items[0];
    expect(nic.bootOrder).toBe(1);
    expect(nic.sourceNetwork).toBe("default");
    const mac = nic.mac!.toLowerCase();
    // Only the firmware's PXE code can ask: the guest has no disk and no OS.
    const net = await lv.networks.lookupByName("default");
    const lease = await until(
      "a DHCP lease for the PXE guest's MAC",
      async () => (await lv.networks.dhcpLeases(net, mac))[0] ?? null,
      90_000,
    );
    expect(lease.mac?.toLowerCase()).toBe(mac);
  }, 120_000);

  it("import: the existing disk image becomes the guest's disk and boots", async () => {
    const name = uniqueGuestName("vc-imp");
    made.push(name);
    await createGuest(ctxOf(admin), {
      hostId,
      ...(await input(name, { install: { method: "import", pool: "default", volume: importName } })),
    });
    const dom = await lv.domains.lookupByName(name);
    const disks = Domain.parse(await lv.domains.xml(dom, VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE)).devices.disks.items;
    expect(disks.map((d) => [d.device, d.sourceVolume ?? d.sourceFile])).toEqual([
      ["disk", expect.stringMatching(new RegExp(`${importName}$`))],
    ]);
    // The boot sector printed before the console was open; a reset prints it again while it is.
    const reading = serialOutput(dom, 60_000, /IMPORTED-DISK-BOOTED/);
    // A head start for the console's opening before the reset (what the guest prints before it is open is lost;
    // serialOutput gives no sign of when it is).
    await new Promise((r) => setTimeout(r, 500));
    await lv.domains.reset(dom);
    expect(await reading).toContain("IMPORTED-DISK-BOOTED");
  }, 120_000);
});
