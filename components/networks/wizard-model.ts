// The network wizard's state and the defaults it suggests (virt-manager's: the host takes the first
// address, DHCP hands out the upper half). Pure, unit-tested in tests/unit/networks.
import {
  formatIp,
  formatSubnet,
  hostAddress,
  overlaps,
  parseCidr,
  subnetBounds,
  type IpFamily,
  type NamedSubnets,
  type Subnet,
} from "@/lib/networks/addresses";
import type { NetworkRow } from "@/lib/networks/types";
import type { CreateNetworkForm, NetworkMode } from "@/lib/validations/networks";

export type HostV4 = { mac: string; name: string; ip: string };
export type HostV6 = { name: string; ip: string };
export type SectionValues<H> = { enabled: boolean; network: string; dhcp: boolean; dhcpStart: string; dhcpEnd: string; hosts: H[] };

export type WizardValues = {
  name: string;
  mode: NetworkMode;
  forwardDev: string;
  bridgeName: string;
  ipv4: SectionValues<HostV4>;
  ipv6: SectionValues<HostV6>;
  dns: "none" | "name" | "custom";
  domain: string;
  start: boolean;
  autostart: boolean;
};

/** DHCP range virt-manager suggests: IPv4 the upper half minus broadcast, IPv6 ::100 to ::1ff. */
export function suggestedRange(family: IpFamily, network: string): { start: string; end: string } | null {
  const s = parseCidr(network);
  if (!s || s.family !== family) return null;
  const { first, last } = subnetBounds(s);
  const size = last - first + 1n;
  if (family === "ipv4") return size < 8n ? null : { start: formatIp(family, first + size / 2n), end: formatIp(family, last - 1n) };
  return size < 512n ? null : { start: formatIp(family, first + 256n), end: formatIp(family, first + 511n) };
}

/** The first 192.168.N.0/24 (N from 100) that none of `used` overlaps. */
export function freeSubnet(used: readonly Subnet[]): string {
  for (let n = 100; n < 255; n++) {
    const candidate = parseCidr(`192.168.${n}.0/24`)!;
    if (!used.some((u) => overlaps(u, candidate))) return formatSubnet(candidate);
  }
  return "192.168.100.0/24";
}

/** The host's other networks as subnets, for suggestions and the overlap warning. */
export function hostSubnets(rows: readonly NetworkRow[]): NamedSubnets[] {
  return rows.map((r) => ({
    name: r.name,
    subnets: [r.ipv4, r.ipv6].flatMap((a) => (a ? [parseCidr(`${a.address}/${a.prefix}`)].filter((s): s is Subnet => s !== null) : [])),
  }));
}

/** The host's own address for the typed network, to show next to the field. */
export function hostAddressText(family: IpFamily, network: string): string | null {
  const s = parseCidr(network);
  return s && s.family === family ? formatIp(family, hostAddress(s)) : null;
}

const emptySection = { enabled: false, network: "", dhcp: false, dhcpStart: "", dhcpEnd: "", hosts: [] };

export function initialValues(existing: readonly NetworkRow[]): WizardValues {
  const network = freeSubnet(hostSubnets(existing).flatMap((n) => n.subnets));
  const range = suggestedRange("ipv4", network)!;
  return {
    name: "",
    mode: "nat",
    forwardDev: "",
    bridgeName: "",
    ipv4: { enabled: true, network, dhcp: true, dhcpStart: range.start, dhcpEnd: range.end, hosts: [] },
    ipv6: { ...emptySection },
    dns: "none",
    domain: "",
    start: true,
    autostart: true,
  };
}

/** What the API takes (the shared schema's input). */
export function toInput(v: WizardValues): CreateNetworkForm {
  const { dns, domain, ...rest } = v;
  return { ...rest, domain: dns === "name" ? v.name.trim() : dns === "custom" ? domain : "" };
}
