import "server-only";
import type { FleetHost, FleetPool, FleetResponse, TopGuest } from "@/lib/metrics/fleet-types";
import type { GuestPoint } from "@/lib/metrics/series";
import { can, canSeeHost } from "@/lib/roles";
import type { VerbContext } from "../verb-context";
import { backupProblems } from "../guest-backups/backup-problems";
import { STATES_MAX_AGE_MS } from "../guests/host-inventory";
import { hostInventory } from "../guests/inventory";
import { listHostSummaries } from "../guests/list-guests";
import { hostPool } from "../hosts/host-pool";
import { hostStatuses } from "../hosts/host-statuses";
import { listGuestHosts } from "../list-hosts";
import { recentEvents } from "./list-recent-events";
import { newestMetrics } from "./service";

const TOP = 10;
const NEARLY_FULL = 0.8;
/** A host's pools' space is read again after this long (the dashboard refreshes more often than pools fill). */
const POOLS_FOR_MS = 30_000;

type Libvirt = Awaited<ReturnType<ReturnType<typeof hostPool>["get"]>>;
type HostFacts = { node: Promise<{ cpus: number; memoryKiB: number }>; pools?: { at: number; list: Promise<Omit<FleetPool, "hostId">[]> } };
/** Per connection: its node's size (fixed while connected) and its active pools' space, read at most every POOLS_FOR_MS. */
const facts = new WeakMap<Libvirt, HostFacts>();

function nodeOf(lv: Libvirt): HostFacts {
  let f = facts.get(lv);
  if (!f) {
    const node = lv.host.nodeInfo().then((n) => ({ cpus: n.cpus, memoryKiB: Number(n.memory) }));
    facts.set(lv, (f = { node }));
    node.catch(() => facts.delete(lv));
  }
  return f;
}

function poolsOf(lv: Libvirt, now: number): Promise<Omit<FleetPool, "hostId">[]> {
  const f = nodeOf(lv);
  if (f.pools && now - f.pools.at < POOLS_FOR_MS) return f.pools.list;
  const list = lv.storage.listPools().then(async (pools) => {
    const out: Omit<FleetPool, "hostId">[] = [];
    for (const sp of pools.filter((p) => p.active)) {
      const info = await lv.storage.poolInfo(sp.ref);
      out.push({ name: sp.name, capacityBytes: Number(info.capacity), allocationBytes: Number(info.allocation) });
    }
    return out;
  });
  const entry = { at: now, list };
  f.pools = entry;
  list.catch(() => f.pools === entry && delete f.pools);
  return list;
}

type Ranked = { hostId: string; uuid: string; name: string; point: GuestPoint };

function top(guests: readonly Ranked[], value: (p: GuestPoint) => number | null): TopGuest[] {
  return guests
    .flatMap((g) => {
      const v = value(g.point);
      return v === null ? [] : [{ hostId: g.hostId, uuid: g.uuid, name: g.name, value: v }];
    })
    .sort((a, b) => b.value - a.value)
    .slice(0, TOP);
}

/**
 * The dashboard takes each host's guest rows up to STATES_MAX_AGE_MS old: it reads only their states and sizes;
 * the rates it takes from the collector instead. Without this, each read after a second re-read every host
 * (898 ms at p50 with 500 hosts, against the 200 ms goal).
 */
const FLEET_ROWS_MAX_AGE_MS = STATES_MAX_AGE_MS;

const sum = (a: number | null, b: number | null) => (a === null && b === null ? null : (a ?? 0) + (b ?? 0));

/**
 * The fleet dashboard: each visible host's capacity against what its running guests were given, guests
 * by state, the busiest guests from the collector's newest round, pools nearly full, recent events;
 * all limited to what the person may see. A host that cannot be reached still shows, without numbers.
 * Someone granted single guests gets their guests' states and rankings, and no host cards.
 */
export async function readFleet(ctx: VerbContext): Promise<FleetResponse> {
  const { actor } = ctx;
  const pool = hostPool();
  const seesGuest = (hostId: string, uuid: string) => can(actor.grants, "guest.view", { kind: "guest", hostId, guestUuid: uuid });
  const latest = new Map((await newestMetrics()).map((tick) => [tick.hostId, tick]));
  const guestsByState: FleetResponse["guestsByState"] = {};
  const ranked: Ranked[] = [];
  const poolsNearlyFull: FleetPool[] = [];

  const visible = new Map((await listHostSummaries(ctx)).map((h) => [h.id, h]));
  const guestHosts = await listGuestHosts(actor.grants);
  const statuses = await hostStatuses(guestHosts.map((h) => h.id));
  const hosts = await Promise.all(
    guestHosts.map(async ({ id }): Promise<FleetHost | null> => {
      // Hosts the person may not see (canSeeHost) are read for their guests only; their card stays out.
      const summary = visible.get(id);
      const tick = latest.get(id);
      for (const g of tick?.guests ?? []) if (seesGuest(id, g.uuid)) ranked.push({ hostId: id, ...g });
      const host: FleetHost = {
        ...(summary ?? { id, name: "", uri: "", tags: [], status: null }),
        cpus: null,
        memoryKiB: null,
        cpuPercent: tick?.host.cpuPercent ?? null,
        memUsedKiB: tick?.host.memUsedKiB ?? null,
        allocatedVcpus: 0,
        allocatedMemoryKiB: 0,
        guests: 0,
      };
      const shown = summary ? host : null;
      // As the instance holding the host sees it; this instance connects on first use.
      if (statuses.get(id)?.state !== "connected") return shown;
      try {
        const lv = await pool.get(id);
        const [node, rows, pools] = await Promise.all([
          nodeOf(lv).node,
          hostInventory(id).rows(lv, () => pool.forJobs(id), FLEET_ROWS_MAX_AGE_MS),
          can(actor.grants, "storage.view", { kind: "host", hostId: id }) ? poolsOf(lv, Date.now()) : Promise.resolve([]),
        ]);
        host.cpus = node.cpus;
        host.memoryKiB = node.memoryKiB;
        for (const row of rows) {
          if (row.state === "running" || row.state === "paused" || row.state === "blocked") {
            host.allocatedVcpus += row.vcpus;
            host.allocatedMemoryKiB += row.memoryKiB;
          }
          if (!seesGuest(id, row.uuid)) continue;
          host.guests += 1;
          guestsByState[row.state] = (guestsByState[row.state] ?? 0) + 1;
        }
        for (const p of pools)
          if (p.capacityBytes > 0 && p.allocationBytes / p.capacityBytes >= NEARLY_FULL) poolsNearlyFull.push({ hostId: id, ...p });
      } catch {
        // Unreachable right now: the host shows with its status and without numbers.
      }
      return shown;
    }),
  );

  return {
    hosts: hosts.filter((h) => h !== null),
    guestsByState,
    top: {
      cpu: top(ranked, (p) => p.cpuHostPercent),
      memory: top(ranked, (p) => p.memUsedKiB),
      disk: top(ranked, (p) => sum(p.diskReadBps, p.diskWriteBps)),
      network: top(ranked, (p) => sum(p.netRxBps, p.netTxBps)),
    },
    poolsNearlyFull: poolsNearlyFull.sort((a, b) => b.allocationBytes / b.capacityBytes - a.allocationBytes / a.capacityBytes),
    backupProblems: await backupProblems(ctx),
    events: await recentEvents((e) => ("uuid" in e ? seesGuest(e.hostId, e.uuid) : canSeeHost(actor.grants, e.hostId))),
  };
}
