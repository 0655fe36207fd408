// Shared by server and browser: what the network and host-interface APIs return.

/** libvirt's forward mode, or "isolated" when the network forwards nothing; each has its words in messages/*.json (networks.mode). */
export type NetworkModeName = "nat" | "route" | "open" | "isolated" | "bridge" | "private" | "vepa" | "passthrough" | "hostdev";

export type DhcpHostEntry = { mac: string | null; id: string | null; name: string | null; ip: string };

export type NetworkAddressing = {
  /** The host's address on the network. */
  address: string;
  prefix: number;
  /** "192.168.100.0/24". */
  subnet: string;
  dhcpRanges: { start: string; end: string }[];
  hosts: DhcpHostEntry[];
};

export type NetworkRow = {
  hostId: string;
  name: string;
  uuid: string;
  active: boolean;
  persistent: boolean;
  autostart: boolean;
  mode: NetworkModeName;
  /** The physical device NAT or routing goes through; null means any. */
  forwardDev: string | null;
  bridge: string | null;
  domain: string | null;
  ipv4: NetworkAddressing | null;
  ipv6: NetworkAddressing | null;
  /** Guest interfaces plugged into the running network (libvirt's count). */
  connections: number;
  /** Active DHCP leases; null while the network is stopped or when libvirt cannot say. */
  leaseCount: number | null;
};

export type NetworkListResponse = { networks: NetworkRow[] };

export type DhcpLease = {
  family: "ipv4" | "ipv6";
  ip: string;
  prefix: number;
  mac: string | null;
  hostname: string | null;
  clientId: string | null;
  /** Epoch ms. */
  expiresAt: number;
};

export type DnsHostEntry = { ip: string; hostnames: string[] };

export type NetworkDetailResponse = {
  network: NetworkRow;
  leases: DhcpLease[];
  dnsHosts: DnsHostEntry[];
  /** The live definition (inactive one when stopped), as libvirt prints it. */
  xml: string;
};

export type HostInterfaceKind = "physical" | "bridge" | "bond" | "vlan" | "virtual";

export type HostInterfaceRow = {
  name: string;
  kind: HostInterfaceKind;
  /** Link state: the device's carrier where known, else whether libvirt calls it active. */
  state: "up" | "down" | "unknown";
  mac: string | null;
  mtu: number | null;
  /** "192.0.2.2/24" style. */
  addresses: string[];
  /** Bridges: their ports. */
  ports: string[];
  /** NICs enslaved to a bridge: that bridge. */
  bridge: string | null;
  /** Bridges made by a libvirt virtual network: its name (guests should use the network instead). */
  network: string | null;
};

export type HostInterfacesResponse = {
  interfaces: HostInterfaceRow[];
  /** Where the addresses come from: libvirt's interface XML, or this machine itself for a local host. */
  addressSource: "libvirt" | "local";
};
