// The wizard's "Finish" on the real libvirtd: a guest installed from an ISO volume gets its new disk,
// is defined and started with the installer first in its boot order; a failing step removes what it made and names the
// step; a taken name and a plan that needs what the host lacks are refused before anything is made.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import { VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import type { Actor } from "@/lib/server/auth/session";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { newGuestContext } from "@/lib/server/new-guest/context";
import { createGuest } from "@/lib/server/new-guest/create-guest";
import { planGuest } from "@/lib/server/new-guest/plan";
import { newGuestSchema } from "@/lib/validations/new-guest";
import { Domain } from "@/lib/xml";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { buildInstallerIso } from "../../helpers/installer-iso";
import { uploadToDefaultPool } from "../../helpers/iso-volume";
import { resolveVirtType, uniqueGuestName, waitForBoot, removeGuests } from "../../helpers/test-guest";
import { ctxOf } from "../../helpers/verb-context";

let tc: TestConsole;
let admin: Actor;
let hostId: string;
let lv: Libvirt;
const isoName = `${uniqueGuestName("vc-wiz")}.iso`;
const made: string[] = [];

const input = (name: string, extra: Record<string, unknown> = {}) =>
  newGuestSchema.parse({
    name,
    install: { method: "iso", pool: "default", volume: isoName },
    os: "generic",
    memoryMiB: 160,
    vcpus: 1,
    storage: { kind: "new", pool: "default", capacityBytes: 64 * 1024 * 1024 },
    network: { type: "none" },
    ...extra,
  });

async function volumeNames(): Promise<string[]> {
  return (await lv.storage.listVolumes(await lv.storage.lookupPool("default"))).map((v) => v.name);
}

beforeAll(async () => {
  tc = await startTestConsole();
  admin = await tc.actor();
  hostId = await tc.addHost("local", "qemu:///system");
  lv = await Libvirt.open("qemu:///system");
  await uploadToDefaultPool(lv, isoName, buildInstallerIso());
});

afterAll(async () => {
  await removeGuests(lv, made);
  const pool = await lv.storage.lookupPool("default");
  for (const vol of await lv.storage.listVolumes(pool))
    if (vol.name === isoName || made.some((n) => vol.name.startsWith(`${n}.`))) await lv.storage.deleteVolume(vol).catch(() => undefined);
  await lv.close();
  await hostPool().closeAll();
  await tc.cleanup();
});

describe("Finish", () => {
  it("creates the disk, defines and starts the guest with the installer ISO first in its boot order, and the installer boots to its shell", async () => {
    const name = uniqueGuestName("vc-wiz");
    made.push(name);
    // Emulation where KVM does not boot guests here (nested KVM); the wizard offers the same choice.
    const { uuid } = await createGuest(ctxOf(admin), { hostId, ...input(name, { virtType: await resolveVirtType(lv) }) });
    expect(uuid).toMatch(/^[0-9a-f-]{36}$/);
    const dom = await lv.domains.lookupByName(name);
    expect(await lv.domains.isActive(dom)).toBe(true);
    expect(await volumeNames()).toContain(`${name}.qcow2`);
    const disks = Domain.parse(await lv.domains.xml(dom)).devices.disks.items;
    expect(disks.map((d) => [d.device, d.bootOrder])).toEqual([
      ["cdrom", 1],
      ["disk", 2],
    ]);
    expect(disks[0].sourceFile).toMatch(new RegExp(`/${isoName}$`));
    expect(disks[1].sourceVolume ?? disks[1].sourceFile).toMatch(new RegExp(`${name}\\.qcow2$`));
    expect((await tc.auditRows("guest.create")).at(-1)).toMatchObject({ result: "ok" });
    // isolinux on the ISO loads the test guest's kernel, whose shell says it is ready on the serial console.
    expect(await waitForBoot(lv, dom, 120_000)).toBe(true);
  });

  it("refuses a taken name before making anything", async () => {
    await expect(createGuest(ctxOf(admin), { hostId, ...input(made[0]) })).rejects.toThrow(`A guest named ${made[0]} already exists`);
  });

  it("removes the disk and the definition again when the guest cannot start, and names the step", async () => {
    const name = uniqueGuestName("vc-wizbad");
    made.push(name);
    const attempt = createGuest(ctxOf(admin), { hostId, ...input(name, { network: { type: "network", name: "vc-no-such-network" } }) });
    await expect(attempt).rejects.toThrow(
      /^Failed while starting the installation: .*vc-no-such-network.*; what was made for it was removed again$/,
    );
    expect((await lv.domains.list()).some((d) => d.name === name)).toBe(false);
    expect(await volumeNames()).not.toContain(`${name}.qcow2`);
    expect((await tc.auditRows("guest.create")).at(-1)).toMatchObject({ result: "error" });
  });

  it("plans UEFI with secure boot and a TPM for an OS that needs them, and refuses BIOS for it", async () => {
    const { plan } = await planGuest(lv, input("vc-plan-win11", { os: "win11", memoryMiB: 4096, vcpus: 2 }));
    expect(plan).toMatchObject({ firmware: "uefi", secureBoot: true, tpm: true });
    expect(plan.advice.os?.shortId).toBe("win11");
    await expect(planGuest(lv, input("vc-plan-win11", { os: "win11", firmware: "bios" }))).rejects.toThrow(
      "This operating system needs UEFI firmware",
    );
  });

  it("plans the architecture and machine type chosen under Architecture options, which libvirt defines; refuses ones the host lacks", async () => {
    const { plan, domain } = await planGuest(lv, input("vc-plan-i686", { arch: "i686", machine: "pc", os: "generic" }));
    expect(plan.machine).toBe("pc");
    expect(domain.os.arch).toBe("i686");
    // i440fx has no SATA: the installer CD-ROM is on IDE.
    expect(domain.devices.disks.items.find((d) => d.device === "cdrom")?.targetBus).toBe("ide");
    const dom = await lv.domains.define(plan.xml.replace(/<disk type='volume'[\s\S]*?<\/disk>/, ""));
    try {
      expect(Domain.parse(await lv.domains.xml(dom, VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE)).os.machine).toMatch(/^pc-i440fx-/);
    } finally {
      await lv.domains.undefine(dom);
    }
    await expect(planGuest(lv, input("vc-plan-bad", { machine: "nonsense-9" }))).rejects.toThrow(
      "the machine 'nonsense-9' is not supported",
    );
    await expect(planGuest(lv, input("vc-plan-bad", { arch: "sparc64" }))).rejects.toThrow("This host cannot run sparc64 guests");
  });

  it("plans a macvtap NIC on a host interface from the wizard's list with the chosen device model, which libvirt defines", async () => {
    const { hostInterfaces } = await newGuestContext(hostId);
    expect(hostInterfaces.length).toBeGreaterThan(0);
    const dev = hostInterfaces[0];
    const { plan, domain } = await planGuest(
      lv,
      input("vc-plan-macvtap", { network: { type: "direct", dev, mode: "vepa" }, nicModel: "rtl8139" }),
    );
    const nic = domain.devices.interfaces.items[0];
    expect([nic.type, nic.sourceDev, nic.sourceMode, nic.model]).toEqual(["direct", dev, "vepa", "rtl8139"]);
    const dom = await lv.domains.define(plan.xml.replace(/<disk type='volume'[\s\S]*?<\/disk>/, ""));
    try {
      expect(await lv.domains.xml(dom, VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE)).toMatch(
        new RegExp(`<interface type='direct'>[\\s\\S]*<source dev='${dev}' mode='vepa'/>[\\s\\S]*<model type='rtl8139'/>`),
      );
    } finally {
      await lv.domains.undefine(dom);
    }
  });
});
