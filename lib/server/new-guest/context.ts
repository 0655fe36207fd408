import "server-only";
import type { NewGuestContext } from "@/lib/new-guest/types";
import { Capabilities, StorageVolume } from "@/lib/xml";
import { hostClusterInfo } from "../host-clusters/cluster-cpu";
import { readHostInterfaces } from "../networks/list-interfaces";
import { resolveHost } from "../networks/network-target";
import type { VerbContext } from "../verb-context";

/** What the wizard shows about a host: its size, KVM or not, running pools with their volumes, networks, taken names. */
export async function newGuestContext(_ctx: VerbContext, { hostId }: { hostId: string }): Promise<NewGuestContext> {
  const target = await resolveHost(hostId);
  const { lv } = target;
  const [capsXml, node, freeBytes, pools, networks, guests, interfaces, cluster] = await Promise.all([
    lv.host.capabilities(),
    lv.host.nodeInfo(),
    lv.host.freeMemory(),
    lv.storage.listPools(),
    lv.networks.list(),
    lv.domains.list(),
    readHostInterfaces(target),
    hostClusterInfo(hostId),
  ]);
  const caps = Capabilities.parse(capsXml);
  const arch = caps.hostCpu?.arch ?? "x86_64";
  const active = pools.filter((p) => p.active);
  return {
    arch,
    archs: architectures(caps),
    virtType: caps.guestsFor(arch, "kvm").length ? "kvm" : "qemu",
    hostMemoryMiB: Math.floor(Number(node.memory) / 1024),
    hostFreeMemoryMiB: Math.floor(Number(freeBytes) / 1024 / 1024),
    hostCpus: node.cpus,
    pools: await Promise.all(
      active.map(async ({ ref, name }) => {
        const [info, vols] = await Promise.all([lv.storage.poolInfo(ref), lv.storage.listVolumes(ref)]);
        // A volume deleted between the listing and its XML is simply not offered.
        const volumes = await Promise.all(
          vols.map(async (v) => {
            const xml = await lv.storage.volumeXml(v).catch(() => null);
            if (!xml) return null;
            const parsed = StorageVolume.parse(xml);
            return { name: v.name, capacityBytes: parsed.capacityBytes ?? 0, format: parsed.format ?? null };
          }),
        );
        const present = volumes.filter((v) => v !== null);
        return { name, availableBytes: Number(info.available), volumes: present.sort((a, b) => a.name.localeCompare(b.name)) };
      }),
    ),
    networks: networks.map((n) => ({ name: n.name, active: n.active })),
    hostInterfaces: interfaces.interfaces.filter((i) => i.kind === "physical" || i.kind === "bond" || i.kind === "vlan").map((i) => i.name),
    guestNames: guests.map((g) => g.name),
    cluster,
  };
}

/** hvm architectures with their machine types: the usual aliases (q35, pc) first, then the versions, newest first. */
function architectures(caps: Capabilities): NewGuestContext["archs"] {
  const byArch = new Map<string, Set<string>>();
  for (const g of caps.guests) {
    if (g.osType !== "hvm" || !g.arch) continue;
    const machines = byArch.get(g.arch) ?? new Set<string>();
    for (const m of g.machines) machines.add(m);
    byArch.set(g.arch, machines);
  }
  const rank = (m: string) => (m === "q35" ? 0 : m === "pc" ? 1 : 2);
  return [...byArch].map(([arch, machines]) => ({
    arch,
    machines: [...machines].sort((a, b) => rank(a) - rank(b) || b.localeCompare(a, "en", { numeric: true })),
  }));
}
