// One guest made by the wizard's "Finish" (Debian 11 from an ISO, q35, a new qcow2 volume, the default
// network), as a new user meets it on the real libvirtd: no pending changes from what libvirt fills in
// at start, the OS named on its overview, room for more NICs while it runs, and external snapshots of
// its volume disk.
import { flagSet } from "@/lib/libvirt/flag-set";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import type { DomainRef } from "@/lib/libvirt/api/domains";
import { VirDomainUndefineFlagsValues as Undefine, VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import type { Actor } from "@/lib/server/auth/session";
import { resolveGuest } from "@/lib/server/guests/guest-target";
import { addDevice } from "@/lib/server/guests/hardware/add-device";
import { readHardware } from "@/lib/server/guests/hardware/read-hardware";
import { createSnapshot } from "@/lib/server/guests/snapshots/create-snapshot";
import { listSnapshots } from "@/lib/server/guests/snapshots/list-snapshots";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { createGuest } from "@/lib/server/new-guest/create-guest";
import { addDeviceSchema } from "@/lib/validations/hardware";
import { newGuestSchema } from "@/lib/validations/new-guest";
import { createSnapshotSchema } from "@/lib/validations/snapshots";
import { PCIE_ROOT_PORTS } from "@/lib/xml/builder/guest-builder";
import { Domain, StoragePool } from "@/lib/xml";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { buildInstallerIso } from "../../helpers/installer-iso";
import { DEBIAN_11_LABEL, uploadToDefaultPool } from "../../helpers/iso-volume";
import { jobFinished } from "../../helpers/jobs";
import { resolveVirtType, uniqueGuestName } from "../../helpers/test-guest";
import { ctxOf, guestCall, type GuestCall } from "../../helpers/verb-context";

let tc: TestConsole;
let admin: Actor;
let lv: Libvirt;
let dom: DomainRef;
let req: GuestCall;
let imagesDir: string;
const name = uniqueGuestName("vc-edges-wiz");
const isoName = `${name}-installer.iso`;

const hardware = async () => readHardware(await resolveGuest(req.guest.hostId, req.guest.uuid));
const pending = (hw: Awaited<ReturnType<typeof hardware>>) => [
  ...hw.pendingSections,
  ...hw.devices.filter((d) => d.pending).map((d) => `${d.key} ${d.pending} ${d.pendingFields.join(",")}`),
];
const nic = { source: "network", network: "default", model: "virtio" };

beforeAll(async () => {
  tc = await startTestConsole();
  admin = await tc.actor();
  const hostId = await tc.addHost("local", "qemu:///system");
  lv = await Libvirt.open("qemu:///system");
  imagesDir = StoragePool.parse(await lv.storage.poolXml(await lv.storage.lookupPool("default"))).targetPath!;
  await uploadToDefaultPool(lv, isoName, buildInstallerIso(DEBIAN_11_LABEL));
  const input = newGuestSchema.parse({
    name,
    install: { method: "iso", pool: "default", volume: isoName },
    os: "debian11",
    memoryMiB: 160,
    vcpus: 1,
    storage: { kind: "new", pool: "default", capacityBytes: 64 * 1024 * 1024 },
    network: { type: "network", name: "default" },
    virtType: await resolveVirtType(lv),
  });
  const { uuid } = await createGuest(ctxOf(admin), { hostId, ...input });
  dom = await lv.domains.lookupByName(name);
  req = guestCall(admin, hostId, uuid);
});

afterAll(async () => {
  if (dom) {
    await lv.domains.destroy(dom).catch(() => undefined);
    await lv.domains
      .undefine(dom, flagSet(Undefine.VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA, Undefine.VIR_DOMAIN_UNDEFINE_NVRAM))
      .catch(() => undefined);
  }
  const pool = await lv.storage.lookupPool("default");
  await lv.storage.refreshPool(pool).catch(() => undefined);
  for (const vol of await lv.storage.listVolumes(pool))
    if (vol.name.startsWith(name)) await lv.storage.deleteVolume(vol).catch(() => undefined);
  await lv.close();
  await hostPool().closeAll();
  await tc.cleanup();
});

describe("a guest the wizard made", () => {
  it("shows no pending changes right after it started: what libvirt filled in is not a change", async () => {
    const hw = await hardware();
    expect(hw.running).toBe(true);
    expect(hw.devices.map((d) => d.family)).toEqual(expect.arrayContaining(["interface", "channel", "serial", "console"]));
    expect(pending(hw)).toEqual([]);
  });

  it("names its OS on the overview, recorded in the libosinfo metadata as virt-install does", async () => {
    const hw = await hardware();
    expect(hw.general).toMatchObject({ osId: "http://debian.org/debian/11", osName: "Debian 11" });
    const saved = await lv.domains.xml(dom, VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE);
    expect(saved).toMatch(
      /<libosinfo:libosinfo xmlns:libosinfo="http:\/\/libosinfo\.org\/xmlns\/libvirt\/domain\/1\.0">\s*<libosinfo:os id="http:\/\/debian\.org\/debian\/11"\/>/,
    );
  });

  it("has spare PCIe ports, so more NICs hot-plug into the running guest, and they are no pending change either", async () => {
    const ports = Domain.parse(await lv.domains.xml(dom)).devices.controllers.filter((c) => c.model === "pcie-root-port");
    expect(ports.length).toBe(PCIE_ROOT_PORTS);
    for (let i = 0; i < 2; i++) {
      const body = addDeviceSchema.parse({ etag: (await hardware()).etag, family: "interface", values: nic, persistentOnly: false });
      const result = await addDevice(req.ctx, { ...req.guest, ...body });
      expect(result).toEqual({ ok: true, live: "applied" });
    }
    const hw = await hardware();
    expect(hw.devices.filter((d) => d.family === "interface")).toHaveLength(3);
    expect(pending(hw)).toEqual([]);
  });

  it("takes an external snapshot of its volume disk, with the overlay beside the volume's file", async () => {
    expect((await listSnapshots(req.guest.hostId, req.guest.uuid)).options["external-disk"]).toEqual({ available: true });
    const job = await createSnapshot(ctxOf(admin), {
      hostId: req.guest.hostId,
      uuid: req.guest.uuid,
      ...createSnapshotSchema.parse({ name: "s1", kind: "external-disk" }),
    });
    expect(await jobFinished(job, admin.id)).toMatchObject({ status: "done" });
    const disk = Domain.parse(await lv.domains.xml(dom)).devices.disks.find((d) => d.targetDev === "vda");
    expect(disk?.sourceFile).toBe(`${imagesDir}/${name}.s1.qcow2`);
  });
});
