import "server-only";
import { addressRuleWords, type FetchWords } from "@/lib/i18n/fetch-words";
import { contains, formatIp, parseCidr, parseIp, type IpAddress, type Subnet } from "@/lib/networks/addresses";

/**
 * Which addresses the console refuses to connect to on a user's behalf (install trees, image and OVA
 * imports, webhooks), and why (each rule's words are messages' "fetchErrors.addressRule", by id). Networks an admin
 * allows (Admin → Settings) lift the rules marked `allowable`; the others name no server anyone could mean, so
 * they always stand.
 */
export type AddressRule = { id: string; allowable: boolean; networks: Subnet[] };

const rule = (id: string, allowable: boolean, networks: string[]): AddressRule => ({
  id,
  allowable,
  networks: networks.map((n) => parseCidr(n)!),
});

// Order matters: the first rule that matches names the refusal (the metadata address before link-local).
export const addressRules: AddressRule[] = [
  rule("unspecified", false, ["0.0.0.0/8", "::/128"]),
  rule("loopback", true, ["127.0.0.0/8", "::1/128"]),
  rule("metadata", true, ["169.254.169.254/32", "fd00:ec2::254/128"]),
  rule("link-local", true, ["169.254.0.0/16", "fe80::/10"]),
  rule("private", true, ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]),
  rule("shared", true, ["100.64.0.0/10"]),
  rule("unique-local", true, ["fc00::/7"]),
  rule("site-local", true, ["fec0::/10"]),
  rule("multicast", false, ["224.0.0.0/4", "ff00::/8"]),
  rule("broadcast", false, ["255.255.255.255/32"]),
  rule("reserved", false, ["240.0.0.0/4"]),
];

const IPV4_MAPPED = parseCidr("::ffff:0:0/96")!;
const NAT64 = parseCidr("64:ff9b::/96")!;

/**
 * An address as the console reads it from a URL or a name lookup: "[::1]" (URL brackets) and
 * "fe80::1%eth0" (a zone) included. Null when it is not an address.
 */
export function readIp(text: string): IpAddress | null {
  const bare = text.replace(/^\[(.*)\]$/, "$1").replace(/%[\w.-]+$/, "");
  return parseIp(bare);
}

/**
 * The IPv4 address an IPv6 one stands for: IPv4-mapped (::ffff:a.b.c.d, which a dual-stack socket
 * reaches over IPv4) and the NAT64 well-known prefix (64:ff9b::a.b.c.d).
 */
export function embeddedIpv4(ip: IpAddress): IpAddress | null {
  if (!(contains(IPV4_MAPPED, ip) || contains(NAT64, ip))) return null;
  return { family: "ipv4", value: ip.value & 0xffffffffn };
}

export type Refusal = { rule: string; allowable: boolean; via?: string };

export type AddressPolicy = {
  /** Networks an admin allowed: they lift every `allowable` rule, the own-address rule included. */
  allowed: readonly Subnet[];
  /** This machine's own addresses (where the console itself listens). */
  own: readonly IpAddress[];
};

const same = (a: IpAddress, b: IpAddress) => a.family === b.family && a.value === b.value;

/** Null when the console may connect to `ip`, else the rule that refuses it. */
export function judgeAddress(ip: IpAddress, policy: AddressPolicy): Refusal | null {
  const v4 = embeddedIpv4(ip);
  const target = v4 ?? ip;
  const via = v4 ? `${formatIp(ip.family, ip.value)} (IPv4 ${formatIp(v4.family, v4.value)})` : undefined;
  const matched = addressRules.find((r) => r.networks.some((n) => contains(n, target)));
  if (matched && !matched.allowable) return { rule: matched.id, allowable: false, via };
  if (policy.allowed.some((n) => contains(n, target) || contains(n, ip))) return null;
  if (matched) return { rule: matched.id, allowable: true, via };
  if (policy.own.some((own) => same(own, target) || same(own, ip))) return { rule: "own", allowable: true, via };
  return null;
}

/** The refusal by key: "localhost resolves to 127.0.0.1, a loopback address (…), so … An administrator can …". */
export function refusalWords(host: string, ip: IpAddress, refusal: Refusal): FetchWords {
  const address = refusal.via ?? formatIp(ip.family, ip.value);
  const rule = addressRuleWords(refusal.rule);
  const byName = !readIp(host);
  const key = refusal.allowable ? (byName ? "nameRefused" : "addressRefused") : byName ? "nameNever" : "addressNever";
  return { key, values: byName ? { host, address, rule } : { address, rule } };
}
