// A new virtual network from the wizard's validated choices, the way virt-manager's "Create a new
// virtual network" builds it: libvirt picks the bridge name (virbrN) and MAC; the host takes the
// subnet's first address unless another one was typed. Pure: the caller defines the XML.
import { formatIp, hostAddress, parseCidr, parseIp } from "../../networks/addresses";
import type { CreateNetworkInput } from "../../validations/networks";
import { DhcpHost, DhcpRange, Network, NetworkIp } from "../network/network";

export class NetworkBuildError extends Error {
  override name = "NetworkBuildError";
}

/** Addresses as libvirt prints them (lower-case, compressed IPv6), whatever the spelling typed. */
const canonical = (text: string) => {
  const ip = parseIp(text);
  return ip ? formatIp(ip.family, ip.value) : text;
};

function addAddressing(net: Network, family: "ipv4" | "ipv6", section: CreateNetworkInput["ipv4"] | CreateNetworkInput["ipv6"]): void {
  if (!section.enabled) return;
  const subnet = parseCidr(section.network);
  if (!subnet || subnet.family !== family) throw new NetworkBuildError(`${family} network ${section.network} is not address/prefix`);
  const ip = net.ips.add(
    new NetworkIp({
      family: family === "ipv6" ? "ipv6" : undefined,
      address: formatIp(family, hostAddress(subnet)),
      prefix: subnet.prefix,
    }),
  );
  if (section.dhcp) ip.dhcpRanges.add(new DhcpRange({ start: canonical(section.dhcpStart), end: canonical(section.dhcpEnd) }));
  for (const host of section.hosts) {
    ip.dhcpHosts.add(new DhcpHost({ mac: "mac" in host ? host.mac : undefined, name: host.name || undefined, ip: canonical(host.ip) }));
  }
}

/**
 * NAT, routed, open and isolated networks get their own bridge (STP on, no forward delay) with the
 * addresses, DHCP ranges, static hosts and DNS domain chosen; NAT and routed ones may name the
 * device they forward through. A host-bridge network only names the bridge: addressing is the LAN's.
 */
export function buildNetwork(input: CreateNetworkInput): Network {
  const net = new Network({ name: input.name });
  if (input.mode === "bridge") {
    net.forwardMode = "bridge";
    net.bridgeName = input.bridgeName;
    return net;
  }
  if (input.mode !== "isolated") net.forwardMode = input.mode;
  if ((input.mode === "nat" || input.mode === "route") && input.forwardDev) net.forwardDev = input.forwardDev;
  net.bridgeStp = true;
  net.bridgeDelay = 0;
  if (input.domain) net.domainName = input.domain;
  addAddressing(net, "ipv4", input.ipv4);
  addAddressing(net, "ipv6", input.ipv6);
  return net;
}
