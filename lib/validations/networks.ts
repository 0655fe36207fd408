// Shared by the network wizard, the network page and their handlers: what a person may enter, checked
// the same way in the browser and on the server. Names never carry XML metacharacters, even though the
// XML models escape whatever they write.
import { z } from "zod";
import { addProblem, said, type Problem } from "./messages";
import {
  contains,
  findOverlap,
  formatIp,
  formatSubnet,
  hostAddress,
  isReserved,
  parseCidr,
  parseIp,
  type IpFamily,
  type NamedSubnets,
  type Subnet,
} from "@/lib/networks/addresses";
import { nameSchema } from "./names";

export const networkModes = ["nat", "route", "open", "isolated", "bridge"] as const;
/** Each has its words and what it means for the guests in messages/*.json (networks.wizard.modeChoice, modeHint). */
export type NetworkMode = (typeof networkModes)[number];

export const networkNameSchema = nameSchema("network");

/** A Linux interface name (IFNAMSIZ: 15 characters). */
export const interfaceNameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,14}$/, said("interfaceName"));

export const macSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/, said("macAddress"))
  .refine((mac) => parseInt(mac.slice(0, 2), 16) % 2 === 0, said("multicastMac"));

const label = "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
/** A host name as DHCP hands it out: one DNS label. */
export const hostLabelSchema = z
  .string()
  .trim()
  .regex(new RegExp(`^${label}$`), said("dnsLabel"));
/** A DNS name: labels separated by dots. */
export const dnsNameSchema = z
  .string()
  .trim()
  .max(253, said("atMostChars"))
  .regex(new RegExp(`^${label}(\\.${label})*$`), said("dnsName"));

const ipText = z
  .string()
  .trim()
  .refine((t) => parseIp(t) !== null, said("notIp"));
const orEmpty = <T extends z.ZodType>(schema: T) => z.union([z.literal(""), schema]);

const ipSection = {
  enabled: z.boolean().default(false),
  /** "192.168.100.0/24": the host takes the first address (or the one typed, "192.168.100.1/24"). */
  network: z.string().trim().default(""),
  dhcp: z.boolean().default(false),
  dhcpStart: z.string().trim().default(""),
  dhcpEnd: z.string().trim().default(""),
};
const ipv4Section = z.object({
  ...ipSection,
  hosts: z
    .array(z.object({ mac: macSchema, name: orEmpty(hostLabelSchema).default(""), ip: z.string().trim() }))
    .max(256)
    .default([]),
});
// libvirt identifies an IPv6 static lease by name (or DUID), not by MAC.
const ipv6Section = z.object({
  ...ipSection,
  hosts: z
    .array(z.object({ name: hostLabelSchema, ip: z.string().trim() }))
    .max(256)
    .default([]),
});
export type Ipv4SectionInput = z.input<typeof ipv4Section>;
export type Ipv6SectionInput = z.input<typeof ipv6Section>;

const rawCreateNetworkSchema = z.object({
  name: networkNameSchema,
  mode: z.enum(networkModes),
  /** NAT and routed: the physical device to forward through; empty means any. */
  forwardDev: orEmpty(interfaceNameSchema).default(""),
  /** Host bridge mode: the bridge guests join. */
  bridgeName: orEmpty(interfaceNameSchema).default(""),
  ipv4: ipv4Section.default({ enabled: false, network: "", dhcp: false, dhcpStart: "", dhcpEnd: "", hosts: [] }),
  ipv6: ipv6Section.default({ enabled: false, network: "", dhcp: false, dhcpStart: "", dhcpEnd: "", hosts: [] }),
  /** DNS domain of the guests' names; empty for none. */
  domain: orEmpty(dnsNameSchema).default(""),
  start: z.boolean().default(true),
  autostart: z.boolean().default(false),
});
type RawInput = z.output<typeof rawCreateNetworkSchema>;

/** A problem at a dotted path of the form. */
type Issue = { path: string } & Problem;

/** The subnet a section describes, or null when its network text is not usable (an issue says why). */
export function sectionSubnet(family: IpFamily, network: string): Subnet | null {
  const s = parseCidr(network);
  if (!s || s.family !== family) return null;
  if (family === "ipv4" ? s.prefix < 15 || s.prefix > 29 : s.prefix !== 64) return null;
  if (isReserved(s, hostAddress(s))) return null;
  return s;
}

/** Why `text` cannot be a guest's address on `subnet`, or null when it can. */
export function guestAddressProblem(subnet: Subnet, text: string): Problem | null {
  const ip = parseIp(text);
  const network = formatSubnet(subnet);
  if (!ip || ip.family !== subnet.family) return { key: subnet.family === "ipv4" ? "ipv4AddressIn" : "ipv6AddressIn", values: { network } };
  if (!contains(subnet, ip)) return { key: "notInsideNetwork", values: { network } };
  if (isReserved(subnet, ip.value)) return { key: "networkOwnAddress" };
  if (ip.value === hostAddress(subnet)) return { key: "hostOwnAddress", values: { address: formatIp(subnet.family, ip.value) } };
  return null;
}

function checkSection(family: IpFamily, section: RawInput["ipv4"] | RawInput["ipv6"], at: string): Issue[] {
  const issues: Issue[] = [];
  const parsed = parseCidr(section.network);
  if (!parsed || parsed.family !== family) {
    return [
      {
        path: `${at}.network`,
        key: family === "ipv4" ? "ipv4Network" : "ipv6Network",
      },
    ];
  }
  if (family === "ipv4" && (parsed.prefix < 15 || parsed.prefix > 29)) return [{ path: `${at}.network`, key: "ipv4Prefix" }];
  if (family === "ipv6" && parsed.prefix !== 64) return [{ path: `${at}.network`, key: "ipv6Prefix" }];
  const subnet = sectionSubnet(family, section.network);
  if (!subnet) return [{ path: `${at}.network`, key: "noBroadcastHost" }];
  const inside = (text: string, path: string): bigint | null => {
    const problem = guestAddressProblem(subnet, text);
    if (!problem) return parseIp(text)!.value;
    issues.push({ path, ...problem });
    return null;
  };
  if (section.dhcp) {
    const start = inside(section.dhcpStart, `${at}.dhcpStart`);
    const end = inside(section.dhcpEnd, `${at}.dhcpEnd`);
    if (start !== null && end !== null && start > end) issues.push({ path: `${at}.dhcpEnd`, key: "rangeOrder" });
  }
  const seen = new Map<string, string>();
  section.hosts.forEach((host, i) => {
    const ip = inside(host.ip, `${at}.hosts.${i}.ip`);
    const keys = [
      ip === null ? "" : `ip:${ip}`,
      "mac" in host ? `mac:${host.mac}` : "",
      host.name ? `name:${host.name.toLowerCase()}` : "",
    ];
    for (const key of keys.filter(Boolean)) {
      const field = key.slice(0, key.indexOf(":"));
      if (seen.has(key)) issues.push({ path: `${at}.hosts.${i}.${field}`, key: "usedByStaticHost", values: { host: seen.get(key)! } });
      else seen.set(key, String(i + 1));
    }
  });
  return issues;
}

/** Every cross-field rule: what each mode needs, and addresses that fit their subnet. */
export function createNetworkIssues(v: RawInput): Issue[] {
  if (v.mode === "bridge") return v.bridgeName ? [] : [{ path: "bridgeName", key: "chooseBridge" }];
  const issues: Issue[] = [];
  if (v.mode === "nat" && !v.ipv4.enabled) issues.push({ path: "ipv4.enabled", key: "natNeedsIpv4" });
  if ((v.mode === "route" || v.mode === "open") && !v.ipv4.enabled && !v.ipv6.enabled) {
    issues.push({ path: "ipv4.enabled", key: "routeNeedsAddresses" });
  }
  if (v.ipv4.enabled) issues.push(...checkSection("ipv4", v.ipv4, "ipv4"));
  if (v.ipv6.enabled) issues.push(...checkSection("ipv6", v.ipv6, "ipv6"));
  return issues;
}

export const createNetworkSchema = rawCreateNetworkSchema.superRefine((v, ctx) => {
  for (const issue of createNetworkIssues(v)) addProblem(ctx, issue, issue.path.split("."));
});
export type CreateNetworkInput = z.output<typeof createNetworkSchema>;
export type CreateNetworkForm = z.input<typeof createNetworkSchema>;

/** The subnets a new network would use (bridge mode uses none). */
export function plannedSubnets(v: CreateNetworkInput): Subnet[] {
  if (v.mode === "bridge") return [];
  const out: Subnet[] = [];
  for (const family of ["ipv4", "ipv6"] as const) {
    const s = v[family].enabled ? sectionSubnet(family, v[family].network) : null;
    if (s) out.push(s);
  }
  return out;
}

/** The field and message when a planned subnet overlaps one of the host's other networks (named). */
export function overlapIssue(v: CreateNetworkInput, others: readonly NamedSubnets[]): Issue | null {
  for (const subnet of plannedSubnets(v)) {
    const hit = findOverlap(
      subnet,
      others.filter((o) => o.name !== v.name),
    );
    if (hit) {
      return {
        path: `${subnet.family}.network`,
        key: "subnetOverlaps",
        values: { subnet: formatSubnet(subnet), other: formatSubnet(hit.subnet), network: hit.name },
      };
    }
  }
  return null;
}

// ── The network page: start/stop, and what libvirt changes on a running network ─────────────────────

export const networkActionSchema = z.object({ action: z.enum(["start", "stop"]) });
export type NetworkAction = z.infer<typeof networkActionSchema>["action"];

const family = z.enum(["ipv4", "ipv6"]);
const op = z.enum(["add", "delete"]);

/** One change libvirt applies to a running network without restarting it (virNetworkUpdate), or autostart. */
export const networkEditSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("autostart"), autostart: z.boolean() }),
  z
    .object({
      kind: z.literal("dhcp-host"),
      op,
      family,
      mac: orEmpty(macSchema).default(""),
      name: orEmpty(hostLabelSchema).default(""),
      ip: ipText,
    })
    .superRefine((v, ctx) => {
      if (v.family === "ipv4" && !v.mac) addProblem(ctx, { key: "enterGuestMac" }, ["mac"]);
      if (v.family === "ipv6" && !v.name) addProblem(ctx, { key: "ipv6HostName" }, ["name"]);
    }),
  z.object({ kind: z.literal("dhcp-range"), op, family, start: ipText, end: ipText }),
  z.object({
    kind: z.literal("dns-host"),
    op,
    ip: ipText,
    hostnames: z.array(dnsNameSchema).min(1, said("enterOneHostName")).max(16),
  }),
]);
export type NetworkEdit = z.infer<typeof networkEditSchema>;

/** Route params of /api/hosts/[id]/networks/[name]: any name libvirt has (it may predate our rules). */
export const networkRouteParams = z
  .object({
    id: z.string().min(1),
    name: z
      .string()
      .min(1)
      .max(256)
      .refine((n) => !n.includes("/"), said("notNetworkName")),
  })
  .transform(({ id, name }) => ({ hostId: id, name }));
