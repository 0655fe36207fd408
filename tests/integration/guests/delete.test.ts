// Deleting a guest with its storage on the real libvirtd: what the plan offers, what goes, what stays,
// and a refusal (snapshots kept) that loses nothing.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import { VirDomainUndefineFlagsValues } from "@/lib/libvirt/generated/flags";
import type { Actor } from "@/lib/server/auth/session";
import { deleteGuest } from "@/lib/server/guests/delete-guest";
import { getDeletePlan } from "@/lib/server/guests/delete-plan";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { ensureTestGuestImage, testGuestXml, uniqueGuestName } from "../../helpers/test-guest";
import { virsh } from "../libvirt/virsh";
import { ctxOf } from "../../helpers/verb-context";

let tc: TestConsole;
let admin: Actor;
let hostId: string;
let lv: Libvirt;
const name = uniqueGuestName("vc-del");
const diskPath = `/var/lib/libvirt/images/${name}.qcow2`;
const isoPath = `/var/lib/libvirt/images/${name}.iso`;

/** The test guest plus a qcow2 disk and an install ISO, both volumes of the default pool. */
function guestXml(): string {
  return testGuestXml(name, ensureTestGuestImage(), 128, "qemu").replace(
    "<devices>",
    `<devices>
    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${diskPath}'/><target dev='vda' bus='virtio'/></disk>
    <disk type='file' device='cdrom'><driver name='qemu' type='raw'/><source file='${isoPath}'/><target dev='sda' bus='sata'/><readonly/></disk>`,
  );
}

const uuidOf = async () => (await lv.domains.list()).find((d) => d.name === name)?.uuid;

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
  await lv.storage.createVolume(
    pool,
    `<volume><name>${name}.iso</name><capacity unit='KiB'>64</capacity><target><format type='raw'/></target></volume>`,
  );
  await lv.domains.define(guestXml());
});

afterAll(async () => {
  for (const vol of [`${name}.qcow2`, `${name}.iso`]) {
    try {
      execFileSync("virsh", ["-c", "qemu:///system", "vol-delete", "--pool", "default", vol], { stdio: "ignore" });
    } catch {
      // already gone
    }
  }
  const dom = await lv.domains.lookupByName(name).catch(() => null);
  if (dom) await lv.domains.undefine(dom, VirDomainUndefineFlagsValues.VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA).catch(() => undefined);
  await lv.close();
  await hostPool().closeAll();
  await tc.cleanup();
});

describe("delete a guest with its storage", () => {
  it("plans the disk volume as deletable and leaves the read-only ISO alone", async () => {
    const plan = await getDeletePlan(hostId, (await uuidOf())!);
    expect(plan.volumes).toEqual([
      { target: "vda", path: diskPath, pool: "default", deletable: true },
      { target: "sda", path: isoPath, pool: "default", deletable: false, reason: "read-only media, probably used by other guests" },
    ]);
    expect(plan).toMatchObject({ snapshots: 0, nvram: null, persistent: true });
  });

  it("refuses a volume that is not in the plan, and keeps the guest when libvirt refuses", async () => {
    const uuid = (await uuidOf())!;
    await expect(
      deleteGuest(ctxOf(admin), { hostId, uuid, removeVolumes: [isoPath], removeSnapshots: true, removeNvram: true }),
    ).rejects.toThrow(/not volumes of this guest/);
    await lv.domains.createSnapshot(await lv.domains.lookupByName(name), "<domainsnapshot><name>s1</name></domainsnapshot>");
    await expect(
      deleteGuest(ctxOf(admin), { hostId, uuid, removeVolumes: [diskPath], removeSnapshots: false, removeNvram: true }),
    ).rejects.toThrow(/snapshot/i);
    expect(await uuidOf()).toBe(uuid);
    expect(virsh("vol-list", "default")).toContain(`${name}.qcow2`);
    expect((await tc.auditRows("guest.delete")).map((r) => r.result)).toEqual(["error", "error"]);
  });

  it("deletes the guest, its snapshot metadata and the chosen volume", async () => {
    const uuid = (await uuidOf())!;
    const result = await deleteGuest(ctxOf(admin), { hostId, uuid, removeVolumes: [diskPath], removeSnapshots: true, removeNvram: true });
    expect(result.removed).toEqual([diskPath]);
    expect(await uuidOf()).toBeUndefined();
    const volumes = virsh("vol-list", "default");
    expect(volumes).not.toContain(`${name}.qcow2`);
    expect(volumes).toContain(`${name}.iso`);
    expect((await tc.auditRows("guest.delete")).at(-1)?.result).toBe("ok");
  });
});
