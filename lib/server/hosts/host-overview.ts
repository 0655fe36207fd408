import "server-only";
import type { VerbContext } from "../verb-context";
import { parseStoredTags } from "@/lib/validations/tags";
import { remoteProcedures as p, type Libvirt } from "@/lib/libvirt";
import { formatLibvirtVersion, type HostOverview } from "@/lib/hosts/overview";
import { Capabilities } from "@/lib/xml";
import { db } from "../db";
import { notFound } from "../http/errors";
import { STATES_MAX_AGE_MS } from "../guests/host-inventory";
import { hostInventory } from "../guests/inventory";
import { hostPool } from "./host-pool";
import { hostStatus } from "./host-statuses";

type CpuSample = { at: number; busy: number; total: number };
const cpuSamples = new Map<string, CpuSample>();

const num = (v: bigint | number | undefined) => Number(v ?? 0);

/** Host CPU use between this call and the previous one for the same host. */
async function cpuPercent(lv: Libvirt, hostId: string): Promise<number | null> {
  const stats = await lv.host.cpuStats();
  const idle = num(stats.idle) + num(stats.iowait);
  const total = num(stats.kernel) + num(stats.user) + idle;
  const now: CpuSample = { at: Date.now(), busy: total - idle, total };
  const before = cpuSamples.get(hostId);
  cpuSamples.set(hostId, now);
  if (!before || now.total <= before.total) return null;
  return Math.min(100, Math.max(0, ((now.busy - before.busy) / (now.total - before.total)) * 100));
}

/** The facts the overview needs from the capabilities XML: CPU model and dies, NUMA cells, KVM. */
function readCapabilities(xml: string) {
  const caps = Capabilities.parse(xml);
  return {
    model: caps.hostCpu?.model ?? "",
    dies: caps.hostCpu?.dies ?? 1,
    cells: caps.numaCells.items.map((cell) => ({
      id: cell.id ?? 0,
      memoryKiB: cell.memoryKiB ?? 0,
      cpus: cell.cpus.items.map((c) => c.id ?? 0),
    })),
    kvm: caps.guests.items.some((g) => g.domainTypes.includes("kvm")),
  };
}

/** Everything the host page shows, from one connection; parts a driver lacks (the test driver has no CPU stats) are null. */
export async function hostOverview(_ctx: VerbContext, { hostId }: { hostId: string }): Promise<HostOverview> {
  const row = await db().host.findUnique({ where: { id: hostId } });
  if (!row) throw notFound("host");
  const pool = hostPool();
  const lv = await pool.get(hostId);
  const [hostname, versions, node, caps, freeKiB, cpu, guests, pools, networks] = await Promise.all([
    lv.host.hostname(),
    lv.host.versions(),
    lv.host.nodeInfo(),
    lv.host.capabilities().then(readCapabilities),
    lv.host.freeMemory().then(
      (bytes) => Number(bytes) / 1024,
      () => null,
    ),
    cpuPercent(lv, hostId).catch(() => null),
    // Only the guests' states are counted: a snapshot that events keep right will do (the page asks every 5 s).
    hostInventory(hostId).rows(lv, () => pool.forJobs(hostId), STATES_MAX_AGE_MS),
    lv.storage
      .listPools()
      .then((list) =>
        Promise.all(list.map(async (sp) => ({ sp, info: await lv.storage.poolInfo(sp.ref), autostart: await poolAutostart(lv, sp.ref) }))),
      ),
    lv.networks.list().then((list) =>
      Promise.all(
        list.map(async (n) => ({
          n,
          bridge: await lv.client.call(p.NETWORK_GET_BRIDGE_NAME, { net: n.ref }).then(
            (r) => r.name,
            () => null,
          ),
        })),
      ),
    ),
  ]);
  const guestCounts: HostOverview["guestCounts"] = {};
  for (const g of guests) guestCounts[g.state] = (guestCounts[g.state] ?? 0) + 1;
  return {
    host: { id: row.id, name: row.name, uri: row.uri, tags: parseStoredTags(row.tags), status: await hostStatus(hostId) },
    hostname,
    libvirtVersion: formatLibvirtVersion(versions.libVersion),
    hypervisor: { type: versions.type, version: formatLibvirtVersion(versions.hypervisorVersion) },
    cpu: {
      model: caps.model || node.model,
      sockets: node.sockets,
      dies: caps.dies,
      cores: node.cores,
      threads: node.threads,
      mhz: node.mhz,
      count: node.cpus,
    },
    numaCells: caps.cells,
    memory: { totalKiB: Number(node.memory), freeKiB },
    virtualization: caps.kvm ? "kvm" : "emulation",
    cpuPercent: cpu,
    guestCounts,
    pools: pools.map(({ sp, info, autostart }) => ({
      name: sp.name,
      active: sp.active,
      autostart,
      capacity: Number(info.capacity),
      allocation: Number(info.allocation),
    })),
    networks: networks.map(({ n, bridge }) => ({ name: n.name, active: n.active, autostart: n.autostart, bridge })),
  };
}

async function poolAutostart(lv: Libvirt, pool: Parameters<Libvirt["storage"]["poolInfo"]>[0]): Promise<boolean> {
  return (await lv.client.call(p.STORAGE_POOL_GET_AUTOSTART, { pool })).autostart !== 0;
}
