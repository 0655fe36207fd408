import "server-only";
import type { Libvirt } from "@/lib/libvirt";
import { VirConnectListAllDomainsFlags } from "@/lib/libvirt/generated/flags";
import { fitnessProblems, type MemberProblem } from "@/lib/host-clusters/fitness";
import { hostModelCpu } from "@/lib/host-clusters/host-model-cpu";
import type { PlacementCandidate } from "@/lib/host-clusters/placement";
import { parseStoredNames } from "@/lib/validations/host-clusters";
import { Capabilities } from "@/lib/xml";
import { db } from "../db";
import { hostPool } from "../hosts/host-pool";

export type RunningGuest = { uuid: string; name: string; memoryMiB: number; vcpus: number; tags: string[] };

/** What the console learns about one cluster member from its libvirtd, or why it could not. */
export type MemberFacts = {
  id: string;
  name: string;
  maintenanceSince: Date | null;
  /** Its fencing state (highly available guests): null while nothing is wrong. */
  haState: string | null;
  lv: Libvirt | null;
  /** Not connected or not readable: why. */
  error: MemberProblem | null;
  /** Required networks and pools it lacks. */
  problems: MemberProblem[];
  /** The CPU its hypervisor offers a guest (domain capabilities' host-model) as a <cpu>, for the baseline. */
  cpuXml: string | null;
  arch: string | null;
  /** kvm where the host has it, qemu (emulation) otherwise: what guests there run under. */
  virtType: "kvm" | "qemu";
  freeMemoryMiB: number;
  cpus: number;
  running: RunningGuest[];
};

type ClusterRow = { id: string; requiredNetworks: string; requiredPools: string };

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The members of `cluster`, each asked (in parallel) for its CPU, room, running guests and required networks and pools. */
export async function memberFacts(cluster: ClusterRow): Promise<MemberFacts[]> {
  const hosts = await db().host.findMany({
    where: { clusterId: cluster.id },
    select: { id: true, name: true, maintenanceSince: true, haState: true },
    orderBy: { name: "asc" },
  });
  const tags = await db().guestTag.findMany({ where: { hostId: { in: hosts.map((h) => h.id) } } });
  const networks = parseStoredNames(cluster.requiredNetworks);
  const pools = parseStoredNames(cluster.requiredPools);
  return Promise.all(
    hosts.map(async (host): Promise<MemberFacts> => {
      const base = {
        ...host,
        lv: null,
        problems: [],
        cpuXml: null,
        arch: null,
        virtType: "kvm" as const,
        freeMemoryMiB: 0,
        cpus: 0,
        running: [],
      };
      let lv: Libvirt;
      try {
        lv = await hostPool().get(host.id);
      } catch (err) {
        return { ...base, error: { key: "notConnected", error: message(err) } };
      }
      try {
        const guestTags = (uuid: string) => tags.filter((t) => t.hostId === host.id && t.guestUuid === uuid).map((t) => t.tag);
        const [capsXml, node, free, doms, nets, poolList] = await Promise.all([
          lv.host.capabilities(),
          lv.host.nodeInfo(),
          lv.host.freeMemory(),
          lv.domains.list(VirConnectListAllDomainsFlags.VIR_CONNECT_LIST_DOMAINS_ACTIVE),
          lv.networks.list(),
          lv.storage.listPools(),
        ]);
        const running = await Promise.all(
          doms.map(async (d) => {
            const info = await lv.domains.info(d.ref).catch(() => null);
            return {
              uuid: d.uuid,
              name: d.name,
              memoryMiB: info ? Math.ceil(Number(info.memory) / 1024) : 0,
              vcpus: info?.vcpus ?? 0,
              tags: guestTags(d.uuid),
            };
          }),
        );
        const caps = Capabilities.parse(capsXml);
        const arch = caps.hostCpu?.arch ?? "x86_64";
        const virtType = caps.guestsFor(arch, "kvm").length ? "kvm" : "qemu";
        const domcaps = await lv.host.domainCapabilities({ arch, virttype: virtType });
        return {
          ...base,
          lv,
          error: null,
          problems: fitnessProblems({ networks, pools }, { networks: nets, pools: poolList }),
          cpuXml: hostModelCpu(domcaps),
          arch,
          virtType,
          freeMemoryMiB: Math.floor(Number(free) / 1024 / 1024),
          cpus: node.cpus,
          running,
        };
      } catch (err) {
        return { ...base, lv, error: { key: "unreadable", error: message(err) } };
      }
    }),
  );
}

/** A member as placement judges it. */
export function candidateOf(m: MemberFacts): PlacementCandidate {
  return {
    id: m.id,
    name: m.name,
    connected: m.error === null,
    inMaintenance: m.maintenanceSince !== null,
    fit: m.problems.length === 0,
    freeMemoryMiB: m.freeMemoryMiB,
    cpus: m.cpus,
    vcpusPlaced: m.running.reduce((sum, g) => sum + g.vcpus, 0),
    guestTags: [...new Set(m.running.flatMap((g) => g.tags))],
  };
}
