import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt, LibvirtError, type DomainRef } from "../../../lib/libvirt";
import { VirDomainMemoryModFlags, VirDomainVcpuFlags } from "../../../lib/libvirt/generated/flags";

describe("domain operations on the test driver (through the daemon)", () => {
  let lv: Libvirt;
  let dom: DomainRef;
  const name = `ops-${randomBytes(4).toString("hex")}`;
  beforeAll(async () => {
    lv = await Libvirt.open("test:///default");
    dom = await lv.domains.define(
      `<domain type='test'><name>${name}</name><memory unit='MiB'>256</memory><currentMemory unit='MiB'>256</currentMemory><vcpu>4</vcpu><os><type>hvm</type></os></domain>`,
    );
    await lv.domains.start(dom);
  });
  afterAll(async () => {
    await lv.domains.destroy(dom).catch(() => undefined);
    await lv.domains.removeManagedSave(dom).catch(() => undefined);
    for (const snap of await lv.domains.listSnapshots(dom).catch(() => [])) await lv.domains.deleteSnapshot(snap).catch(() => undefined);
    await lv.domains.undefine(dom).catch(() => undefined);
    await lv.close();
  });

  it("changes vcpus and memory live", async () => {
    await lv.domains.setVcpus(dom, 2, VirDomainVcpuFlags.VIR_DOMAIN_VCPU_LIVE);
    await lv.domains.setMemory(dom, 128 * 1024, VirDomainMemoryModFlags.VIR_DOMAIN_MEM_LIVE);
    const info = await lv.domains.info(dom);
    expect(info.vcpus).toBe(2);
    expect(info.memory).toBe(128n * 1024n);
  });

  it("creates, lists, reverts to and deletes snapshots", async () => {
    const snap = await lv.domains.createSnapshot(dom, `<domainsnapshot><name>s1</name></domainsnapshot>`);
    expect(snap.name).toBe("s1");
    expect((await lv.domains.listSnapshots(dom)).map((s) => s.name)).toEqual(["s1"]);
    expect(await lv.domains.snapshotXml(snap)).toContain("<name>s1</name>");
    await lv.domains.revertToSnapshot(snap);
    await lv.domains.deleteSnapshot(snap);
    expect(await lv.domains.listSnapshots(dom)).toEqual([]);
  });

  it("managed save stops the domain and start restores it", async () => {
    await lv.domains.managedSave(dom);
    expect(await lv.domains.hasManagedSave(dom)).toBe(true);
    expect(await lv.domains.isActive(dom)).toBe(false);
    await lv.domains.start(dom);
    expect(await lv.domains.isActive(dom)).toBe(true);
    expect(await lv.domains.hasManagedSave(dom)).toBe(false);
  });

  it("looks up by UUID and reports unsupported operations as typed errors", async () => {
    const byUuid = await lv.domains.lookupByUuid(dom.uuid);
    expect(byUuid.name).toBe(name);
    const err = await lv.networks.dhcpLeases(await lv.networks.lookupByName("default")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LibvirtError);
    expect((err as LibvirtError).codeName).toBe("VIR_ERR_NO_SUPPORT");
  });
});
