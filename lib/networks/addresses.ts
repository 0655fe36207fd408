// IPv4/IPv6 address arithmetic for the network wizard and its server checks. Pure, shared by browser
// and server (unit-tested in tests/unit/networks). Addresses are bigints so both families work alike.

export type IpFamily = "ipv4" | "ipv6";

export type IpAddress = { family: IpFamily; value: bigint };

/** A subnet as libvirt describes it: an address on it (the host's) and a prefix length. */
export type Subnet = { family: IpFamily; address: bigint; prefix: number };

const bitsOf = (family: IpFamily) => (family === "ipv4" ? 32 : 128);

function parseIpv4(text: string): bigint | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    // No leading zeros: "010" reads as octal in some tools and as decimal in others.
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part) || Number(part) > 255) return null;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function parseIpv6(text: string): bigint | null {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || text.split("::").length > 2) return null;
  let tail = text;
  let v4: bigint | null = null;
  // An embedded IPv4 tail (::ffff:192.0.2.1) stands for the last two groups.
  const lastColon = text.lastIndexOf(":");
  if (text.slice(lastColon + 1).includes(".")) {
    v4 = parseIpv4(text.slice(lastColon + 1));
    if (v4 === null) return null;
    const before = text.slice(0, lastColon + 1);
    tail = before.endsWith("::") ? before : text.slice(0, lastColon);
  }
  const groupsWanted = v4 === null ? 8 : 6;
  const [head, rest] = tail.includes("::") ? tail.split("::") : [tail, undefined];
  const split = (s: string) => (s === "" ? [] : s.split(":"));
  const left = split(head);
  const right = rest === undefined ? [] : split(rest);
  if ([...left, ...right].some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return null;
  const missing = groupsWanted - left.length - right.length;
  if (rest === undefined ? missing !== 0 : missing < 1) return null;
  const groups = [...left, ...Array<string>(rest === undefined ? 0 : missing).fill("0"), ...right];
  let value = 0n;
  for (const g of groups) value = (value << 16n) | BigInt(parseInt(g, 16));
  return v4 === null ? value : (value << 32n) | v4;
}

/** Parses one address; null when it is neither a dotted IPv4 nor an IPv6 address. */
export function parseIp(text: string): IpAddress | null {
  const t = text.trim();
  if (t.includes(":")) {
    const value = parseIpv6(t);
    return value === null ? null : { family: "ipv6", value };
  }
  const value = parseIpv4(t);
  return value === null ? null : { family: "ipv4", value };
}

/** Canonical text: dotted IPv4, or RFC 5952 IPv6 (lower case, the longest run of zero groups as ::). */
export function formatIp(family: IpFamily, value: bigint): string {
  if (family === "ipv4") return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 255n)).join(".");
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - i * 16)) & 0xffffn));
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.length && j - i >= 2) best = { start: i, length: j - i };
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.start < 0) return hex.join(":");
  return `${hex.slice(0, best.start).join(":")}::${hex.slice(best.start + best.length).join(":")}`;
}

/** "192.168.100.0/24" or "fd00:1::/64"; null when the text is not address/prefix. */
export function parseCidr(text: string): Subnet | null {
  const m = /^\s*([^/\s]+)\/(\d{1,3})\s*$/.exec(text);
  if (!m) return null;
  const ip = parseIp(m[1]);
  const prefix = Number(m[2]);
  if (!ip || prefix > bitsOf(ip.family)) return null;
  return { family: ip.family, address: ip.value, prefix };
}

/** The first and last address of the subnet. */
export function subnetBounds(s: Subnet): { first: bigint; last: bigint } {
  const hostBits = BigInt(bitsOf(s.family) - s.prefix);
  const first = (s.address >> hostBits) << hostBits;
  return { first, last: first + (1n << hostBits) - 1n };
}

export function contains(s: Subnet, ip: IpAddress): boolean {
  if (ip.family !== s.family) return false;
  const { first, last } = subnetBounds(s);
  return ip.value >= first && ip.value <= last;
}

export function overlaps(a: Subnet, b: Subnet): boolean {
  if (a.family !== b.family) return false;
  const x = subnetBounds(a);
  const y = subnetBounds(b);
  return x.first <= y.last && y.first <= x.last;
}

/** "192.168.100.0/24": the subnet's own address, not the host's. */
export function formatSubnet(s: Subnet): string {
  return `${formatIp(s.family, subnetBounds(s).first)}/${s.prefix}`;
}

/**
 * The host's address on a subnet typed as "network/prefix": the first usable address when the text
 * names the network itself (virt-manager's rule), otherwise the address as typed.
 */
export function hostAddress(s: Subnet): bigint {
  const { first } = subnetBounds(s);
  return s.address === first ? first + 1n : s.address;
}

/** Addresses a guest may not get: the network's own address, and for IPv4 the broadcast address. */
export function isReserved(s: Subnet, value: bigint): boolean {
  const { first, last } = subnetBounds(s);
  return value === first || (s.family === "ipv4" && value === last);
}

/** An IPv4 prefix as a netmask, as libvirt's default network writes it ("255.255.255.0" = 24). */
export function netmaskToPrefix(netmask: string): number | null {
  const ip = parseIp(netmask);
  if (!ip || ip.family !== "ipv4") return null;
  const bits = ip.value.toString(2).padStart(32, "0");
  const ones = bits.indexOf("0");
  return /^1*0*$/.test(bits) ? (ones < 0 ? 32 : ones) : null;
}

export type NamedSubnets = { name: string; subnets: Subnet[] };

/** The first other network whose subnet overlaps `subnet`, with that subnet, so messages can name it. */
export function findOverlap(subnet: Subnet, others: readonly NamedSubnets[]): { name: string; subnet: Subnet } | null {
  for (const other of others) {
    const hit = other.subnets.find((s) => overlaps(subnet, s));
    if (hit) return { name: other.name, subnet: hit };
  }
  return null;
}
