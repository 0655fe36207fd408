// Networks, pools and volumes built with lib/xml are accepted by the real libvirtd and come back
// with every field we set; everything is named vc-xmltest-* and removed afterwards.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import { VirNetworkXMLFlags, VirStorageXMLFlags } from "@/lib/libvirt/generated/flags";
import { DhcpHost, DhcpRange, DnsHost, Network, NetworkIp, StoragePool, StorageVolume, snapshotModel } from "@/lib/xml";
import { subsetMismatches } from "../../unit/xml/support/compare";
import { goldenCases } from "../../unit/xml/support/golden-cases";
import { validateXml } from "../../unit/xml/support/validate";
import { PREFIX } from "./guests";

const { VIR_NETWORK_XML_INACTIVE } = VirNetworkXMLFlags;
const { VIR_STORAGE_XML_INACTIVE } = VirStorageXMLFlags;
const exactly = () => false;

function expectValid(xml: string): void {
  const result = validateXml(xml);
  expect(result.valid, result.output).toBe(true);
}

function labNetwork(): Network {
  const net = new Network({
    name: `${PREFIX}net`,
    forwardMode: "route",
    bridgeName: "virbr-vcxt",
    bridgeStp: true,
    bridgeDelay: 0,
    domainName: "vcxt.example",
    mtu: 1400,
  });
  net.dnsHosts.add(new DnsHost({ ip: "10.77.0.10", hostnames: ["db", "db.vcxt.example"] }));
  const v4 = net.ips.add(new NetworkIp({ address: "10.77.0.1", netmask: "255.255.255.0" }));
  v4.dhcpRanges.add(new DhcpRange({ start: "10.77.0.100", end: "10.77.0.199" }));
  v4.dhcpHosts.add(new DhcpHost({ mac: "52:54:00:77:00:10", name: "db", ip: "10.77.0.10" }));
  const v6 = net.ips.add(new NetworkIp({ family: "ipv6", address: "fd00:77::1", prefix: 64 }));
  v6.dhcpRanges.add(new DhcpRange({ start: "fd00:77::100", end: "fd00:77::1ff" }));
  return net;
}

describe("generated network and storage XML in the real libvirtd", () => {
  let lv: Libvirt;
  let dir: string;

  beforeAll(async () => {
    lv = await Libvirt.open("qemu:///system");
    dir = mkdtempSync(path.join(tmpdir(), "vc-xmltest-pool-"));
  });

  afterAll(async () => {
    for (const name of [`${PREFIX}net`, `${PREFIX}open`]) {
      const net = await lv.networks.lookupByName(name).catch(() => null);
      if (net) await lv.networks.undefine(net).catch(() => undefined);
    }
    const pool = await lv.storage.lookupPool(`${PREFIX}pool`).catch(() => null);
    if (pool) {
      for (const vol of await lv.storage.listVolumes(pool).catch(() => [])) await lv.storage.deleteVolume(vol).catch(() => undefined);
      await lv.storage.stopPool(pool).catch(() => undefined);
      await lv.storage.undefinePool(pool).catch(() => undefined);
    }
    await lv.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("a routed network with IPv4 and IPv6 DHCP, a static lease and DNS hosts", async () => {
    const generated = labNetwork();
    expectValid(generated.toXml());
    const ref = await lv.networks.define(generated.toXml());
    try {
      const readBack = Network.parse(await lv.networks.xml(ref, VIR_NETWORK_XML_INACTIVE));
      expect(subsetMismatches(snapshotModel(generated), snapshotModel(readBack), exactly)).toEqual([]);
      expect(readBack.isolated).toBe(false);
    } finally {
      await lv.networks.undefine(ref);
    }
  });

  it("an open-forward network (the golden built case) keeps its forward mode and DHCP range", async () => {
    const generated = goldenCases.find((c) => c.name === "network-built-open")!.build!() as Network;
    generated.name = `${PREFIX}open`;
    expectValid(generated.toXml());
    const ref = await lv.networks.define(generated.toXml());
    try {
      const readBack = Network.parse(await lv.networks.xml(ref, VIR_NETWORK_XML_INACTIVE));
      expect(subsetMismatches(snapshotModel(generated), snapshotModel(readBack), exactly)).toEqual([]);
      expect(readBack.forwardMode).toBe("open");
    } finally {
      await lv.networks.undefine(ref);
    }
  });

  it("a directory pool with a qcow2 base volume and an overlay backed by it", async () => {
    const pool = new StoragePool({ type: "dir", name: `${PREFIX}pool`, targetPath: dir, targetMode: "0755" });
    expectValid(pool.toXml());
    const poolRef = await lv.storage.definePool(pool.toXml());
    const poolBack = StoragePool.parse(await lv.storage.poolXml(poolRef, VIR_STORAGE_XML_INACTIVE));
    expect(subsetMismatches(snapshotModel(pool), snapshotModel(poolBack), exactly)).toEqual([]);
    await lv.storage.startPool(poolRef);

    const base = new StorageVolume({ name: "base.qcow2", capacityBytes: 32 * 1024 ** 2, format: "qcow2" });
    const overlay = new StorageVolume({
      name: "overlay.qcow2",
      capacityBytes: 32 * 1024 ** 2,
      format: "qcow2",
      backingPath: path.join(dir, "base.qcow2"),
      backingFormat: "qcow2",
    });
    for (const volume of [base, overlay]) {
      expectValid(volume.toXml());
      const volRef = await lv.storage.createVolume(poolRef, volume.toXml());
      const volBack = StorageVolume.parse(await lv.storage.volumeXml(volRef));
      expect(subsetMismatches(snapshotModel(volume), snapshotModel(volBack), exactly)).toEqual([]);
      expect(volBack.targetPath).toBe(path.join(dir, volume.name!));
    }
  });
});
