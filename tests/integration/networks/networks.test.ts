// Virtual networks through the server verbs on the real libvirtd: create (and the checks only the host
// can make), a real guest's DHCP lease, live edits, start/stop, delete, each audited; nothing left
// behind when libvirt refuses to start what was defined.
import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import { formatSubnet, parseCidr } from "@/lib/networks/addresses";
import type { Actor } from "@/lib/server/auth/session";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { createNetwork } from "@/lib/server/networks/create-network";
import { deleteNetwork } from "@/lib/server/networks/delete-network";
import { getNetwork } from "@/lib/server/networks/get-network";
import { listNetworks } from "@/lib/server/networks/list-networks";
import { networkAction } from "@/lib/server/networks/network-action";
import { updateNetwork } from "@/lib/server/networks/update-network";
import { createNetworkSchema, type CreateNetworkForm } from "@/lib/validations/networks";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import {
  freeTestSubnets,
  removeNetwork,
  requestDhcpLease,
  startGuestOnNetwork,
  uniqueNetworkName,
  type GuestOnNetwork,
} from "../../helpers/networks";
import { virsh } from "../libvirt/virsh";
import { ctxOf } from "../../helpers/verb-context";

let tc: TestConsole;
let admin: Actor;
let hostId: string;
let lv: Libvirt;
let guest: GuestOnNetwork | null = null;
let subnetA: string;
let subnetB: string;
const nat = uniqueNetworkName();
const names = [nat, uniqueNetworkName(), uniqueNetworkName(), uniqueNetworkName()];

/** The wizard's NAT defaults on `cidr` (virt-manager's: host .1, DHCP from the middle to .254). */
function natForm(name: string, cidr: string, extra: Partial<CreateNetworkForm> = {}): CreateNetworkForm {
  const base = cidr.replace(/\.0\/24$/, "");
  return {
    name,
    mode: "nat",
    ipv4: { enabled: true, network: cidr, dhcp: true, dhcpStart: `${base}.128`, dhcpEnd: `${base}.254` },
    autostart: true,
    ...extra,
  };
}
const create = (form: CreateNetworkForm) => createNetwork(ctxOf(admin), { hostId, ...createNetworkSchema.parse(form) });
const audited = async (action: string) =>
  (await tc.auditRows(action)).map((r) => ({
    result: r.result,
    target: r.target,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));

beforeAll(async () => {
  tc = await startTestConsole();
  admin = await tc.actor();
  hostId = await tc.addHost("local", "qemu:///system");
  lv = await Libvirt.open("qemu:///system");
  [subnetA, subnetB] = await freeTestSubnets(lv, 2);
});

afterAll(async () => {
  await guest?.cleanup();
  for (const name of names) await removeNetwork(lv, name);
  await lv.close();
  await hostPool().closeAll();
  await tc.cleanup();
});

describe("virtual networks on the real libvirtd", () => {
  it("creates a NAT network, started with autostart, and lists it with its addressing", async () => {
    expect(await create(natForm(nat, subnetA))).toEqual({ name: nat, active: true });
    const row = (await listNetworks(hostId)).networks.find((n) => n.name === nat)!;
    const base = subnetA.replace(/\.0\/24$/, "");
    expect(row).toMatchObject({
      mode: "nat",
      active: true,
      persistent: true,
      autostart: true,
      forwardDev: null,
      leaseCount: 0,
      connections: 0,
    });
    expect(row.bridge).toMatch(/^virbr\d+$/);
    expect(row.ipv4).toEqual({
      address: `${base}.1`,
      prefix: 24,
      subnet: subnetA,
      dhcpRanges: [{ start: `${base}.128`, end: `${base}.254` }],
      hosts: [],
    });
    expect(virsh("net-info", nat)).toMatch(/Active:\s+yes[\s\S]*Autostart:\s+yes/);
    expect(await audited("network.create")).toEqual([expect.objectContaining({ result: "ok", target: `network:local/${nat}` })]);
  });

  it("refuses a subnet another network on the host uses, naming that network, and defines nothing", async () => {
    const other = names[1];
    await expect(create(natForm(other, subnetA))).rejects.toMatchObject({
      status: 422,
      fields: { "ipv4.network": `${subnetA} overlaps ${subnetA} of the network “${nat}” on this host` },
    });
    await expect(lv.networks.lookupByName(other)).rejects.toThrow(/no network with matching name/);
    expect((await audited("network.create")).at(-1)).toMatchObject({ result: "error", target: `network:local/${other}` });
  });

  it("removes the definition again when libvirt refuses to start it", async () => {
    // A subnet this machine's own interface sits on: no other network has it, but libvirt will not start it.
    const own = Object.values(networkInterfaces())
      .flat()
      .find(
        (a) =>
          a && !a.internal && a.family === "IPv4" && a.cidr && Number(a.cidr.split("/")[1]) >= 15 && Number(a.cidr.split("/")[1]) <= 29,
      )!;
    expect(own, "a non-loopback IPv4 interface with a /15../29 prefix").toBeDefined();
    const cidr = formatSubnet(parseCidr(own.cidr!)!);
    const doomed = names[2];
    await expect(create({ name: doomed, mode: "isolated", ipv4: { enabled: true, network: cidr } })).rejects.toThrow(
      /already in use by interface/,
    );
    await expect(lv.networks.lookupByName(doomed)).rejects.toThrow(/no network with matching name/);
    expect((await audited("network.create")).at(-1)).toMatchObject({
      result: "error",
      details: { error: expect.stringMatching(/already in use/) },
    });
  });

  it("shows the DHCP lease a real guest on the network gets, with its MAC and IP", async () => {
    guest = await startGuestOnNetwork(lv, nat);
    expect(await requestDhcpLease(lv, guest.dom)).toMatch(/lease of 192\.168\.\d+\.\d+ obtained/);
    let detail = await getNetwork(hostId, nat);
    for (let i = 0; i < 20 && !detail.leases.some((l) => l.mac === guest!.mac); i++) {
      await new Promise((r) => setTimeout(r, 250));
      detail = await getNetwork(hostId, nat);
    }
    const lease = detail.leases.find((l) => l.mac === guest!.mac)!;
    expect(lease).toMatchObject({ family: "ipv4", prefix: 24 });
    expect(lease.ip.startsWith(subnetA.replace(/0\/24$/, ""))).toBe(true);
    expect(lease.expiresAt).toBeGreaterThan(Date.now());
    expect(detail.network).toMatchObject({ connections: 1, leaseCount: detail.leases.length });
    expect(virsh("net-dhcp-leases", nat)).toContain(guest.mac);
  });

  it("adds and removes static hosts, ranges and DNS hosts live and in the definition", async () => {
    const base = subnetA.replace(/\.0\/24$/, "");
    const edit = (e: Parameters<typeof updateNetwork>[1]["edit"]) => updateNetwork(ctxOf(admin), { hostId, name: nat, edit: e });
    await edit({ kind: "dhcp-host", op: "add", family: "ipv4", mac: "52:54:00:0a:0b:0c", name: "db", ip: `${base}.20` });
    await edit({ kind: "dhcp-range", op: "add", family: "ipv4", start: `${base}.30`, end: `${base}.40` });
    await edit({ kind: "dns-host", op: "add", ip: `${base}.20`, hostnames: ["db.lab"] });
    for (const flags of [[], ["--inactive"]]) {
      const xml = virsh("net-dumpxml", nat, ...flags);
      expect(xml).toContain(`<host mac='52:54:00:0a:0b:0c' name='db' ip='${base}.20'/>`);
      expect(xml).toContain(`<range start='${base}.30' end='${base}.40'/>`);
      expect(xml).toMatch(/<host ip='[\d.]+\.20'>\s*<hostname>db\.lab<\/hostname>/);
    }
    const detail = await getNetwork(hostId, nat);
    expect(detail.network.ipv4!.hosts).toEqual([{ mac: "52:54:00:0a:0b:0c", id: null, name: "db", ip: `${base}.20` }]);
    expect(detail.dnsHosts).toEqual([{ ip: `${base}.20`, hostnames: ["db.lab"] }]);

    await expect(
      edit({ kind: "dhcp-host", op: "add", family: "ipv4", mac: "52:54:00:0a:0b:0d", name: "", ip: "10.0.0.5" }),
    ).rejects.toMatchObject({ status: 422, fields: { ip: `Not inside the network ${subnetA}` } });
    await expect(edit({ kind: "dhcp-host", op: "add", family: "ipv6", mac: "", name: "v6", ip: "fd00::5" })).rejects.toMatchObject({
      status: 422,
      fields: { family: "This network has no IPv6 addresses" },
    });

    await edit({ kind: "dhcp-host", op: "delete", family: "ipv4", mac: "52:54:00:0a:0b:0c", name: "db", ip: `${base}.20` });
    await edit({ kind: "dhcp-range", op: "delete", family: "ipv4", start: `${base}.30`, end: `${base}.40` });
    await edit({ kind: "dns-host", op: "delete", ip: `${base}.20`, hostnames: ["db.lab"] });
    expect(virsh("net-dumpxml", nat)).not.toMatch(/\.20'|\.30'/);
    expect((await audited("network.dhcp-host.add")).map((r) => r.result)).toEqual(["ok", "error", "error"]);
    expect((await audited("network.dns-host.delete")).map((r) => r.result)).toEqual(["ok"]);
  });

  it("stops and starts the network and turns autostart off", async () => {
    await guest?.cleanup();
    guest = null;
    await networkAction(ctxOf(admin), { hostId, name: nat, action: "stop" });
    expect((await listNetworks(hostId)).networks.find((n) => n.name === nat)).toMatchObject({ active: false, leaseCount: null });
    await networkAction(ctxOf(admin), { hostId, name: nat, action: "start" });
    await updateNetwork(ctxOf(admin), { hostId, name: nat, edit: { kind: "autostart", autostart: false } });
    expect(virsh("net-info", nat)).toMatch(/Active:\s+yes[\s\S]*Autostart:\s+no/);
    await expect(networkAction(ctxOf(admin), { hostId, name: nat, action: "start" })).rejects.toThrow(/already active/);
    expect((await audited("network.start")).map((r) => r.result)).toEqual(["ok", "error"]);
  });

  it("creates a routed network through a named device and an isolated IPv6 network", async () => {
    const dev = (await lv.interfaces.list()).find((i) => i.name === "eth0") ? "eth0" : "";
    const routed = names[1];
    await create({ name: routed, mode: "route", forwardDev: dev, ipv4: { enabled: true, network: subnetB }, start: false });
    expect((await listNetworks(hostId)).networks.find((n) => n.name === routed)).toMatchObject({
      mode: "route",
      forwardDev: dev || null,
      active: false,
      autostart: false,
    });
    await expect(
      create({ name: names[2], mode: "route", forwardDev: "nosuchnic0", ipv4: { enabled: true, network: "192.168.199.0/24" } }),
    ).rejects.toMatchObject({
      fields: { forwardDev: "There is no interface named nosuchnic0 on this host" },
    });
    await deleteNetwork(ctxOf(admin), { hostId, name: routed });
  });

  it("deletes a running network: stopped, then undefined, and audited", async () => {
    await deleteNetwork(ctxOf(admin), { hostId, name: nat });
    await expect(lv.networks.lookupByName(nat)).rejects.toThrow(/no network with matching name/);
    await expect(getNetwork(hostId, nat)).rejects.toMatchObject({ status: 404 });
    expect((await audited("network.delete")).map((r) => [r.result, r.target])).toEqual([
      ["ok", `network:local/${names[1]}`],
      ["ok", `network:local/${nat}`],
    ]);
  });
});
