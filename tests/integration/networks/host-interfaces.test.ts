// Host interfaces on the real libvirtd and kernel: NICs and bridges with state, MAC, addresses and
// ports, and "existing host bridge" networks (virt-manager's shared physical device) on a real bridge.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import type { Actor } from "@/lib/server/auth/session";
import { hostPool } from "@/lib/server/hosts/host-pool";
import { createNetwork } from "@/lib/server/networks/create-network";
import { deleteNetwork } from "@/lib/server/networks/delete-network";
import { listInterfaces } from "@/lib/server/networks/list-interfaces";
import { listNetworks } from "@/lib/server/networks/list-networks";
import { createNetworkSchema, type CreateNetworkForm } from "@/lib/validations/networks";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";
import { freeTestSubnets, removeNetwork, uniqueNetworkName } from "../../helpers/networks";
import { ctxOf } from "../../helpers/verb-context";

const tag = randomBytes(3).toString("hex");
const bridge = `vcnt-br-${tag}`;
const port = `vcnt-${tag}a`;
const peer = `vcnt-${tag}b`;
const network = uniqueNetworkName();
const ip = (...args: string[]) => execFileSync("ip", args, { encoding: "utf8" });

let tc: TestConsole;
let admin: Actor;
let hostId: string;
let lv: Libvirt;
let bridgeCidr: string;

const create = (form: CreateNetworkForm) => createNetwork(ctxOf(admin), { hostId, ...createNetworkSchema.parse(form) });

beforeAll(async () => {
  tc = await startTestConsole();
  admin = await tc.actor();
  hostId = await tc.addHost("local", "qemu:///system");
  lv = await Libvirt.open("qemu:///system");
  bridgeCidr = (await freeTestSubnets(lv, 1))[0].replace(/0\/24$/, "1/24");
  // A host bridge with one port and an address, as an administrator would set one up for guests.
  ip("link", "add", bridge, "type", "bridge");
  ip("link", "add", port, "type", "veth", "peer", "name", peer);
  ip("link", "set", port, "master", bridge);
  ip("addr", "add", bridgeCidr, "dev", bridge);
  ip("link", "set", bridge, "up");
});

afterAll(async () => {
  await removeNetwork(lv, network);
  for (const link of [port, bridge]) {
    try {
      ip("link", "del", link);
    } catch {
      // already gone
    }
  }
  await lv.close();
  await hostPool().closeAll();
  await tc.cleanup();
});

describe("host interfaces", () => {
  it("lists the physical NIC with its state, MAC and this machine's addresses", async () => {
    const { interfaces, addressSource } = await listInterfaces(hostId);
    expect(addressSource).toBe("local");
    const eth0 = interfaces.find((i) => i.name === "eth0")!;
    expect(eth0).toMatchObject({ kind: "physical", state: "up", mac: readFileSync("/sys/class/net/eth0/address", "utf8").trim() });
    expect(eth0.addresses).toEqual(expect.arrayContaining((networkInterfaces().eth0 ?? []).map((a) => a.cidr)));
    expect(interfaces[0].kind).toBe("physical");
  });

  it("lists bridges with their ports and addresses, ports with their bridge, and libvirt's own bridges with their network", async () => {
    const { interfaces } = await listInterfaces(hostId);
    expect(interfaces.find((i) => i.name === bridge)).toMatchObject({
      kind: "bridge",
      ports: [port],
      addresses: expect.arrayContaining([bridgeCidr]),
      network: null,
    });
    expect(interfaces.find((i) => i.name === port)).toMatchObject({ kind: "virtual", bridge });
    const defaultBridge = (await listNetworks(hostId)).networks.find((n) => n.name === "default")?.bridge;
    if (defaultBridge) expect(interfaces.find((i) => i.name === defaultBridge)).toMatchObject({ kind: "bridge", network: "default" });
  });

  it("creates a network on an existing host bridge and refuses bridges that are not usable", async () => {
    await expect(create({ name: network, mode: "bridge", bridgeName: "nosuchbr0" })).rejects.toMatchObject({
      status: 422,
      fields: { bridgeName: "There is no bridge named nosuchbr0 on this host" },
    });
    await expect(create({ name: network, mode: "bridge", bridgeName: "eth0" })).rejects.toMatchObject({
      fields: { bridgeName: "There is no bridge named eth0 on this host" },
    });
    const defaultBridge = (await listNetworks(hostId)).networks.find((n) => n.name === "default")?.bridge;
    if (defaultBridge) {
      await expect(create({ name: network, mode: "bridge", bridgeName: defaultBridge })).rejects.toMatchObject({
        fields: { bridgeName: `${defaultBridge} belongs to the network “default”: attach guests to that network instead` },
      });
    }
    await create({ name: network, mode: "bridge", bridgeName: bridge });
    expect((await listNetworks(hostId)).networks.find((n) => n.name === network)).toMatchObject({
      mode: "bridge",
      bridge,
      active: true,
      ipv4: null,
      ipv6: null,
    });
    await deleteNetwork(ctxOf(admin), { hostId, name: network });
    expect((await listNetworks(hostId)).networks.some((n) => n.name === network)).toBe(false);
  });
});
