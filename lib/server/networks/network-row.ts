import "server-only";
import { formatIp, formatSubnet, netmaskToPrefix, parseIp, type Subnet } from "@/lib/networks/addresses";
import type { NetworkAddressing, NetworkModeName, NetworkRow } from "@/lib/networks/types";
import { Network, type NetworkIp } from "@/lib/xml";

type Flags = { name: string; uuid: string; active: boolean; persistent: boolean; autostart: boolean };

/** libvirt's own default when an IPv4 <ip> has neither prefix nor netmask: the old address classes. */
function classfulPrefix(first: bigint): number {
  const octet = Number(first >> 24n);
  return octet < 128 ? 8 : octet < 192 ? 16 : 24;
}

/** The subnet one <ip> element describes, or null when its address is missing or unreadable. */
export function ipSubnet(ip: NetworkIp): Subnet | null {
  const parsed = ip.address ? parseIp(ip.address) : null;
  if (!parsed) return null;
  const prefix =
    ip.prefix ?? (ip.netmask ? netmaskToPrefix(ip.netmask) : null) ?? (parsed.family === "ipv4" ? classfulPrefix(parsed.value) : 64);
  return { family: parsed.family, address: parsed.value, prefix };
}

/** Every subnet of a network (for the overlap check, which must see all <ip> elements, not just the first). */
export function networkSubnets(net: Network): Subnet[] {
  return net.ips.map(ipSubnet).filter((s): s is Subnet => s !== null);
}

function addressing(ip: NetworkIp | undefined): NetworkAddressing | null {
  const subnet = ip ? ipSubnet(ip) : null;
  if (!ip || !subnet) return null;
  return {
    address: formatIp(subnet.family, subnet.address),
    prefix: subnet.prefix,
    subnet: formatSubnet(subnet),
    dhcpRanges: ip.dhcpRanges.map((r) => ({ start: r.start ?? "", end: r.end ?? "" })),
    hosts: ip.dhcpHosts.map((h) => ({ mac: h.mac ?? null, id: h.id ?? null, name: h.name ?? null, ip: h.ip ?? "" })),
  };
}

/** libvirt writes the number of plugged guest interfaces on the live root element only. */
function connections(xml: string): number {
  return Number(/^<network\b[^>]*\sconnections='(\d+)'/.exec(xml)?.[1] ?? 0);
}

/** One row of the network list from libvirt's flags and the network's XML. */
export function describeNetwork(hostId: string, flags: Flags, xml: string, leaseCount: number | null): NetworkRow {
  const net = Network.parse(xml);
  return {
    hostId,
    ...flags,
    mode: (net.forwardMode ?? "isolated") as NetworkModeName,
    forwardDev: net.forwardDev ?? null,
    bridge: net.bridgeName ?? null,
    domain: net.domainName ?? null,
    ipv4: addressing(net.ipv4()),
    ipv6: addressing(net.ipv6()),
    connections: connections(xml),
    leaseCount,
  };
}
