// Real virtual networks for integration and e2e tests: free 192.168.2xx.0/24 subnets, unique names, a
// test guest plugged into a network, and a DHCP request typed into the guest's serial console (its
// busybox init runs no DHCP client, so the test asks for the lease itself).
import { randomBytes, randomInt } from "node:crypto";
import { networkInterfaces } from "node:os";
import type { Libvirt } from "../../lib/libvirt";
import type { DomainRef } from "../../lib/libvirt/api/domains";
import { openGuestConsole } from "./guest-shell";
import { overlaps, parseCidr, parseIp, type Subnet } from "../../lib/networks/addresses";
import { Network } from "../../lib/xml";
import { ensureTestGuestImage, resolveVirtType, testGuestXml, uniqueGuestName, waitForBoot } from "./test-guest";

export function uniqueNetworkName(prefix = "e2e-net"): string {
  return `${prefix}-${randomBytes(3).toString("hex")}`;
}

/** Every subnet in use on the host: libvirt's networks and this machine's own interfaces. */
async function usedSubnets(lv: Libvirt): Promise<Subnet[]> {
  const used: Subnet[] = [];
  for (const summary of await lv.networks.list()) {
    for (const ip of Network.parse(await lv.networks.xml(summary.ref)).ips) {
      const parsed = ip.address ? parseIp(ip.address) : null;
      if (parsed?.family === "ipv4") used.push({ family: "ipv4", address: parsed.value, prefix: ip.prefix ?? 24 });
    }
  }
  for (const addrs of Object.values(networkInterfaces())) for (const a of addrs ?? []) if (a.cidr) used.push(parseCidr(a.cidr)!);
  return used;
}

/** `count` distinct 192.168.X.0/24 subnets with X random in 200..250 that nothing on the host uses. */
export async function freeTestSubnets(lv: Libvirt, count: number): Promise<string[]> {
  const used = await usedSubnets(lv);
  const picked: string[] = [];
  for (let tries = 0; picked.length < count && tries < 500; tries++) {
    const cidr = `192.168.${randomInt(200, 251)}.0/24`;
    const subnet = parseCidr(cidr)!;
    if (!picked.includes(cidr) && !used.some((u) => overlaps(u, subnet))) picked.push(cidr);
  }
  if (picked.length < count) throw new Error("no free 192.168.200-250.0/24 subnet on this host");
  return picked;
}

/** Stops and undefines a network if it exists; for afterAll. */
export async function removeNetwork(lv: Libvirt, name: string): Promise<void> {
  const net = await lv.networks.lookupByName(name).catch(() => null);
  if (!net) return;
  await lv.networks.stop(net).catch(() => undefined);
  await lv.networks.undefine(net).catch(() => undefined);
}

export function randomGuestMac(): string {
  return `52:54:00:${[...randomBytes(3)].map((b) => b.toString(16).padStart(2, "0")).join(":")}`;
}

export type GuestOnNetwork = { name: string; dom: DomainRef; mac: string; cleanup(): Promise<void> };

/** A transient test guest with one virtio NIC on `network`, booted to its shell. */
export async function startGuestOnNetwork(lv: Libvirt, network: string, mac = randomGuestMac()): Promise<GuestOnNetwork> {
  const name = uniqueGuestName("e2e-net-guest");
  const nic = `<interface type='network'><source network='${network}'/><mac address='${mac}'/><model type='virtio'/></interface>`;
  const xml = testGuestXml(name, ensureTestGuestImage(), 160, await resolveVirtType(lv)).replace("<devices>", `<devices>\n    ${nic}`);
  const dom = await lv.domains.createTransient(xml);
  const cleanup = async () => void (await lv.domains.destroy(dom).catch(() => undefined));
  if (!(await waitForBoot(lv, dom))) {
    await cleanup();
    throw new Error(`test guest ${name} did not boot`);
  }
  return { name, dom, mac, cleanup };
}

/** Types a DHCP request into the guest's serial console; resolves with what the console printed. */
export async function requestDhcpLease(lv: Libvirt, dom: DomainRef, timeoutMs = 60_000): Promise<string> {
  // waitForBoot has just let go of the console; libvirt may not have noticed yet.
  const console = await openGuestConsole(lv, dom);
  let output = "";
  console.on("data", (d: Buffer) => (output += d.toString("latin1")));
  try {
    // $((20+22)) prints 42 only when run, so the echo of the typed line does not count as done.
    console.write(Buffer.from("\rip link set eth0 up; busybox udhcpc -i eth0 -n -q -t 10 -T 2; echo DHCP-DONE-$((20+22))\r"));
    const started = Date.now();
    while (!output.includes("DHCP-DONE-42") && Date.now() - started < timeoutMs) await new Promise((r) => setTimeout(r, 250));
    if (!output.includes("DHCP-DONE-42")) throw new Error(`no DHCP answer in ${timeoutMs} ms:\n${output}`);
    return output;
  } finally {
    console.destroy();
  }
}
