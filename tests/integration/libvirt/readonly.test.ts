import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "../../../lib/libvirt";
import { lines, virsh } from "./virsh";

describe("qemu:///system read-only calls match virsh", () => {
  let lv: Libvirt;
  beforeAll(async () => {
    lv = await Libvirt.open("qemu:///system");
  });
  afterAll(async () => {
    await lv?.close();
  });

  it("versions, hostname and node info", async () => {
    const v = await lv.host.versions();
    expect(v.libVersion).toBe(9000000n);
    expect(v.type).toBe("QEMU");
    expect(await lv.host.hostname()).toBe(virsh("hostname").trim());
    const info = await lv.host.nodeInfo();
    const vi = Object.fromEntries(
      virsh("nodeinfo")
        .split("\n")
        .filter(Boolean)
        .map((l) => l.split(/:\s+/) as [string, string]),
    );
    expect(info.model).toBe(vi["CPU model"]);
    expect(String(info.cpus)).toBe(vi["CPU(s)"]);
    expect(`${info.memory} KiB`).toBe(vi["Memory size"]);
  });

  it("capabilities, domain capabilities and node stats", async () => {
    expect((await lv.host.capabilities()).trimEnd()).toBe(virsh("capabilities").trimEnd());
    expect(await lv.host.domainCapabilities()).toContain("<domainCapabilities>");
    const cpu = await lv.host.cpuStats();
    expect(Object.keys(cpu)).toEqual(expect.arrayContaining(["kernel", "user", "idle"]));
    const mem = await lv.host.memoryStats();
    expect(mem.total).toBeGreaterThan(0n);
  });

  it("domains, networks, pools, interfaces and node devices list like virsh", async () => {
    const doms = await lv.domains.list();
    expect(doms.map((d) => d.name).sort()).toEqual(lines(virsh("list", "--all", "--name")));
    const nets = await lv.networks.list();
    expect(nets.map((n) => n.name).sort()).toEqual(lines(virsh("net-list", "--all", "--name")));
    const pools = await lv.storage.listPools();
    expect(pools.map((p) => p.name).sort()).toEqual(lines(virsh("pool-list", "--all", "--name")));
    const devs = await lv.nodeDevices.list();
    expect(devs.map((d) => d.name).sort()).toEqual(lines(virsh("nodedev-list")));
    const ifaces = await lv.interfaces.list();
    expect(ifaces.map((i) => i.name).sort()).toEqual(
      lines(virsh("iface-list", "--all"))
        .map((l) => l.split(/\s+/)[0])
        .sort(),
    );
  });

  it("network, pool and node device XML equal virsh's", async () => {
    const net = (await lv.networks.list())[0];
    expect((await lv.networks.xml(net.ref)).trimEnd()).toBe(virsh("net-dumpxml", net.name).trimEnd());
    const pool = (await lv.storage.listPools())[0];
    expect((await lv.storage.poolXml(pool.ref)).trimEnd()).toBe(virsh("pool-dumpxml", pool.name).trimEnd());
    const dev = (await lv.nodeDevices.list())[0];
    expect((await lv.nodeDevices.xml(dev.name)).trimEnd()).toBe(virsh("nodedev-dumpxml", dev.name).trimEnd());
  });
});
