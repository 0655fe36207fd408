// Cloud-init seeds on the real libvirtd: the seed volume is an ISO labelled cidata whose files are
// the rendered ones (read back from the volume through libvirt); Finish on an imported disk attaches
// it and the test guest, which reads NoCloud seeds, takes the host name; "Remove the seed" takes the
// CD-ROM out of the definition and deletes its volume; a step failing after the seed was made removes it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import { VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import type { Actor } from "@/lib/server/auth/session";
import { attachCloudInitSeed, SEED_ALIAS, seedVolumeName } from "@/lib/server/cloud-init/attach-seed";
import { removeCloudInitSeed } from "@/lib/server/cloud-init/remove-seed";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { createGuest } from "@/lib/server/new-guest/create-guest";
import { cloudInitSchema } from "@/lib/validations/cloud-init";
import { newGuestSchema } from "@/lib/validations/new-guest";
import { Domain } from "@/lib/xml";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { runInGuest } from "../../helpers/guest-shell";
import { buildInstallerIso } from "../../helpers/installer-iso";
import { uploadToDefaultPool } from "../../helpers/iso-volume";
import { readSeedVolume } from "../../helpers/seed-volume";
import { removeGuests, resolveVirtType, uniqueGuestName, waitForSerialText } from "../../helpers/test-guest";
import { ctxOf } from "../../helpers/verb-context";

let tc: TestConsole;
let admin: Actor;
let hostId: string;
let lv: Libvirt;
/** The test guest as a bootable disk image: the stand-in for a cloud image. */
const diskName = `${uniqueGuestName("cloudinit-disk")}.img`;
const made: string[] = [];

const importInput = (name: string, cloudInit: unknown, extra: Record<string, unknown> = {}) =>
  newGuestSchema.parse({
    name,
    install: { method: "import", pool: "default", volume: diskName, cloudInit },
    os: "generic",
    memoryMiB: 160,
    vcpus: 1,
    storage: { kind: "none" },
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
  await uploadToDefaultPool(lv, diskName, buildInstallerIso("CLOUDINIT_TESTGUEST", { hybrid: true }));
});

afterAll(async () => {
  await removeGuests(lv, made);
  const pool = await lv.storage.lookupPool("default");
  for (const vol of await lv.storage.listVolumes(pool))
    if (vol.name === diskName || made.some((n) => vol.name.startsWith(`${n}-`))) await lv.storage.deleteVolume(vol).catch(() => undefined);
  await lv.close();
  await hostPool().closeAll();
  await tc.cleanup();
});

describe("the seed", () => {
  it("is a volume holding an ISO labelled cidata with the three rendered files, attached as a read-only CD-ROM", async () => {
    const name = uniqueGuestName("cloudinit-seed");
    made.push(name);
    const domain = new Domain({ name });
    domain.os.machine = "pc-q35-8.0";
    const config = cloudInitSchema.parse({ mode: "form", hostname: "seed-check", packages: ["htop"] });
    const { volume, files } = await attachCloudInitSeed(lv, { pool: "default", guestName: name, domain, config, instanceId: "iid-test" });
    expect(volume.name).toBe(seedVolumeName(name));
    const read = await readSeedVolume(lv, volume.name);
    expect(read.label).toBe("cidata");
    expect(read.files).toEqual(files);
    expect(read.files["meta-data"]).toContain("local-hostname: seed-check");
    const drive = domain.devices.disks.items.find((d) => d.alias === SEED_ALIAS);
    expect(drive).toMatchObject({ device: "cdrom", readonly: true, sourcePool: "default", sourceVolume: volume.name, targetBus: "sata" });
    // A second seed for the same guest name is refused; the first one stays as it was.
    await expect(attachCloudInitSeed(lv, { pool: "default", guestName: name, domain: new Domain({ name }), config })).rejects.toThrow(
      /already has a volume named/,
    );
    await lv.storage.deleteVolume(volume);
  });
});

describe("Finish with cloud-init on an imported disk", () => {
  it("attaches the seed, the guest takes its host name, and Remove the seed detaches it and deletes its volume", async () => {
    const name = uniqueGuestName("cloudinit-guest");
    made.push(name);
    const seed = { mode: "form", hostname: "ci-host-1", users: [{ name: "alice", password: "pw" }] };
    const { uuid } = await createGuest(ctxOf(admin), { hostId, ...importInput(name, seed, { virtType: await resolveVirtType(lv) }) });
    const dom = await lv.domains.lookupByName(name);
    expect(await volumeNames()).toContain(seedVolumeName(name));
    const saved = Domain.parse(await lv.domains.xml(dom, VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE));
    expect(saved.devices.disks.items.map((d) => [d.device, d.alias ?? null])).toEqual([
      ["disk", null],
      ["cdrom", SEED_ALIAS],
    ]);
    expect((await tc.auditRows("guest.create")).at(-1)?.details).toContain(seedVolumeName(name));

    // The test guest's init reads the NoCloud seed like cloud-init does, and says so on its serial console.
    expect(await waitForSerialText(lv, dom, "cloud-init: hostname=ci-host-1", 200_000)).toBe(true);
    expect((await runInGuest(lv, dom, "hostname")).trim()).toBe("ci-host-1");

    await expect(removeCloudInitSeed(ctxOf(admin), { hostId, uuid })).resolves.toEqual({ volume: seedVolumeName(name) });
    const after = Domain.parse(await lv.domains.xml(dom, VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE));
    expect(after.devices.disks.items.map((d) => d.device)).toEqual(["disk"]);
    const live = Domain.parse(await lv.domains.xml(dom)).devices.disks.items.find((d) => d.alias === SEED_ALIAS);
    expect(live?.sourceDescription).toBeUndefined(); // emptied in the running guest
    expect(await volumeNames()).not.toContain(seedVolumeName(name));
    expect((await tc.auditRows("guest.cloudinit.remove-seed")).at(-1)).toMatchObject({ result: "ok" });
    await expect(removeCloudInitSeed(ctxOf(admin), { hostId, uuid })).rejects.toThrow("This guest has no cloud-init seed attached");
  }, 300_000);

  it("a step failing after the seed was made (the guest does not start) removes the guest and the seed volume", async () => {
    const name = uniqueGuestName("cloudinit-fail");
    made.push(name);
    const input = importInput(
      name,
      { mode: "raw", hostname: "x", userData: "runcmd: [ls]\n" },
      { network: { type: "network", name: "cloudinit-no-such-net" } },
    );
    await expect(createGuest(ctxOf(admin), { hostId, ...input })).rejects.toThrow(
      /^Failed while starting the installation: .*removed again/,
    );
    expect(await lv.domains.lookupByName(name).catch(() => null)).toBeNull();
    expect(await volumeNames()).not.toContain(seedVolumeName(name));
    expect(await volumeNames()).toContain(diskName);
  });
});
