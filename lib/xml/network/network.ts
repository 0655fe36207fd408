import { attr, defineModel, int, intAttr, list, onOff, text, values, yesNo } from "../core";

export type ForwardMode = "nat" | "route" | "open" | "bridge" | "private" | "vepa" | "passthrough" | "hostdev";

export class DhcpRange extends defineModel("DhcpRange", "range", {
  start: text("./@start"),
  end: text("./@end"),
}) {}

/** A static DHCP lease: by MAC for IPv4, by DUID (id) for IPv6. */
export class DhcpHost extends defineModel("DhcpHost", "host", {
  mac: text("./@mac"),
  id: text("./@id"),
  name: text("./@name"),
  ip: text("./@ip"),
}) {}

export class NetworkIp extends defineModel("NetworkIp", "ip", {
  family: text<"ipv4" | "ipv6">("./@family"),
  address: text("./@address"),
  netmask: text("./@netmask"),
  prefix: int("./@prefix"),
  localPtr: yesNo("./@localPtr"),
  tftpRoot: attr("./tftp", "root"),
  dhcpRanges: list(() => DhcpRange, "./dhcp/range"),
  dhcpHosts: list(() => DhcpHost, "./dhcp/host"),
  bootpFile: attr("./dhcp/bootp", "file"),
}) {}

export class DnsHost extends defineModel("DnsHost", "host", {
  ip: text("./@ip"),
  hostnames: values("./hostname"),
}) {}

/**
 * A libvirt virtual network. No <forward> means an isolated network; forward mode bridge with a
 * bridge name attaches to an existing host bridge.
 */
export class Network extends defineModel("Network", "network", {
  name: text("./name"),
  uuid: text("./uuid"),
  forwardMode: attr<ForwardMode>("./forward", "mode"),
  forwardDev: attr("./forward", "dev"),
  natPortStart: intAttr("./forward/nat/port", "start"),
  natPortEnd: intAttr("./forward/nat/port", "end"),
  bridgeName: attr("./bridge", "name"),
  bridgeStp: onOff("./bridge/@stp"),
  bridgeDelay: intAttr("./bridge", "delay"),
  mtu: intAttr("./mtu", "size"),
  mac: attr("./mac", "address"),
  domainName: attr("./domain", "name"),
  dnsEnabled: yesNo("./dns/@enable"),
  dnsForwarders: values("./dns/forwarder/@addr"),
  dnsHosts: list(() => DnsHost, "./dns/host"),
  ips: list(() => NetworkIp, "./ip"),
}) {
  /** True when nothing is forwarded: guests reach only each other and the host. */
  get isolated(): boolean {
    return this.forwardMode === undefined;
  }

  ipv4(): NetworkIp | undefined {
    return this.ips.find((ip) => (ip.family ?? "ipv4") === "ipv4");
  }

  ipv6(): NetworkIp | undefined {
    return this.ips.find((ip) => ip.family === "ipv6");
  }
}
