import "server-only";
import { withInterfaceDriver } from "./interface-driver";
import { execFile } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { promisify } from "node:util";
import { parseUri, type Libvirt } from "@/lib/libvirt";
import { VirConnectListAllInterfacesFlags, VirConnectListAllNodeDeviceFlags } from "@/lib/libvirt/generated/flags";
import type { HostInterfaceKind, HostInterfaceRow, HostInterfacesResponse } from "@/lib/networks/types";
import { HostInterface, Network, NodeDevice } from "@/lib/xml";
import { resolveHost, type HostTarget } from "./network-target";
import { networkSubnets } from "./network-row";
import type { VerbContext } from "../verb-context";
import { formatIp } from "@/lib/networks/addresses";

const kindOrder: HostInterfaceKind[] = ["physical", "bridge", "bond", "vlan", "virtual"];

/**
 * A host reached through its local socket is this machine: the operating system knows the addresses
 * and bridge ports that libvirt's udev interface backend does not report.
 */
export function isThisMachine(uri: string): boolean {
  try {
    const u = parseUri(uri);
    return u.transport === "unix" && !u.host && u.driver !== "test";
  } catch {
    return false;
  }
}

type IpAddrJson = { ifname: string; addr_info?: { local: string; prefixlen: number }[] }[];

/**
 * Addresses by interface from `ip -j addr` (iproute2). Node's os.networkInterfaces() would do, but it
 * leaves out interfaces without carrier, such as a bridge with no guests yet.
 */
async function localAddresses(): Promise<Map<string, string[]>> {
  try {
    const { stdout } = await promisify(execFile)("ip", ["-j", "addr", "show"], { timeout: 5000 });
    return new Map((JSON.parse(stdout) as IpAddrJson).map((i) => [i.ifname, (i.addr_info ?? []).map((a) => `${a.local}/${a.prefixlen}`)]));
  } catch {
    return new Map();
  }
}

function localPorts(bridge: string): string[] {
  try {
    return readdirSync(`/sys/class/net/${bridge}/brif`).sort();
  } catch {
    return [];
  }
}

function localOperstate(name: string): "up" | "down" | "unknown" {
  try {
    const state = readFileSync(`/sys/class/net/${name}/operstate`, "utf8").trim();
    return state === "up" ? "up" : state === "unknown" ? "unknown" : "down";
  } catch {
    return "unknown";
  }
}

/** What libvirt tells about the host's interfaces, each source optional (drivers differ in what they have). */
async function readSources(lv: Libvirt) {
  const parsed = async <T>(names: Promise<string[]>, read: (name: string) => Promise<T>): Promise<T[]> =>
    Promise.all((await names).map(read)).catch(() => []);
  const [{ active, xmls }, devices, networks] = await Promise.all([
    readInterfaceDriver(lv),
    parsed(
      lv.nodeDevices.list(VirConnectListAllNodeDeviceFlags.VIR_CONNECT_LIST_NODE_DEVICES_CAP_NET).then((l) => l.map((d) => d.name)),
      async (n) => NodeDevice.parse(await lv.nodeDevices.xml(n)),
    ),
    lv.networks.list().then(
      (l) => Promise.all(l.map(async (s) => ({ active: s.active, net: Network.parse(await lv.networks.xml(s.ref)) }))),
      () => [],
    ),
  ]);
  return { xmls, active, devices, networks };
}

/** The interface driver's lists and each interface's XML, one call at a time (see interface-driver.ts). */
async function readInterfaceDriver(lv: Libvirt) {
  const one = <T>(call: () => Promise<T>) => withInterfaceDriver(lv, call);
  const ifaces = await one(() => lv.interfaces.list()).catch(() => []);
  const active = await one(() => lv.interfaces.list(VirConnectListAllInterfacesFlags.VIR_CONNECT_LIST_INTERFACES_ACTIVE)).then(
    (l) => new Set(l.map((i) => i.name)),
    () => new Set<string>(),
  );
  const xmls = [];
  for (const ref of ifaces) {
    const model = await one(() => lv.interfaces.xml(ref)).then(
      (x) => HostInterface.parse(x),
      () => null,
    );
    xmls.push({ ref, model });
  }
  return { active, xmls };
}

/** Physical NICs, bridges, bonds and VLANs of a host with state, MAC, addresses and bridge membership. */
export async function readHostInterfaces(target: Pick<HostTarget, "lv" | "hostUri">): Promise<HostInterfacesResponse> {
  const local = isThisMachine(target.hostUri);
  const [{ xmls, active, devices, networks }, ownAddresses] = await Promise.all([
    readSources(target.lv),
    local ? localAddresses() : new Map<string, string[]>(),
  ]);
  const device = new Map(devices.filter((d) => d.netInterface).map((d) => [d.netInterface!, d]));
  // Bridges libvirt made for its own networks (not host bridges a "bridge" network merely uses).
  const managed = new Map(networks.filter(({ net }) => net.forwardMode !== "bridge" && net.bridgeName).map((n) => [n.net.bridgeName!, n]));

  const rows = new Map<string, HostInterfaceRow>();
  const add = (name: string, model: HostInterface | null, mac: string | null, state?: HostInterfaceRow["state"]) => {
    const dev = device.get(name);
    const type = model?.type;
    const kind: HostInterfaceKind =
      type === "bridge" || type === "bond" || type === "vlan" ? type : dev?.parent && dev.parent !== "computer" ? "physical" : "virtual";
    const owner = managed.get(name);
    const fromXml = model ? model.protocols.items.flatMap((p) => p.ips.map((ip) => `${ip.address}/${ip.prefix}`)) : [];
    const fromNetwork = owner?.active ? networkSubnets(owner.net).map((s) => `${formatIp(s.family, s.address)}/${s.prefix}`) : [];
    const ports = model ? model.bridgePorts.map((p) => p.name ?? "").filter(Boolean) : [];
    rows.set(name, {
      name,
      kind,
      state: dev?.linkState ? (dev.linkState === "up" ? "up" : "down") : (state ?? (active.has(name) ? "up" : "down")),
      mac: mac || model?.mac || dev?.netAddress || null,
      mtu: model?.mtu ?? null,
      addresses: local ? (ownAddresses.get(name) ?? []) : fromXml.length ? fromXml : fromNetwork,
      ports: kind === "bridge" && local && ports.length === 0 ? localPorts(name) : ports,
      bridge: null,
      network: owner?.net.name ?? null,
    });
  };
  for (const { ref, model } of xmls) add(ref.name, model, ref.mac);
  // Bridge ports are listed only inside their bridge; NICs the interface driver does not list (it may
  // be missing on the host) still have node devices.
  for (const { model } of xmls) {
    for (const member of model?.bridgePorts ?? [])
      if (member.name && !rows.has(member.name))
        add(member.name, null, member.mac ?? null, local ? localOperstate(member.name) : "unknown");
  }
  for (const [name, dev] of device) if (!rows.has(name)) add(name, null, dev.netAddress ?? null);
  for (const row of rows.values()) for (const port of row.ports) if (rows.has(port)) rows.get(port)!.bridge = row.name;

  const interfaces = [...rows.values()].sort(
    (a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) || a.name.localeCompare(b.name),
  );
  return { interfaces, addressSource: local ? "local" : "libvirt" };
}

/** The host's network interfaces (bridges, bonds, VLANs, physical ones) with their addresses, for the network forms. Reading only. */
export async function listInterfaces(_ctx: VerbContext, { hostId }: { hostId: string }): Promise<HostInterfacesResponse> {
  return readHostInterfaces(await resolveHost(hostId));
}
