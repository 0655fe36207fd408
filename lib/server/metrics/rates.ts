import "server-only";
import type { TypedParamValue } from "@/lib/libvirt";
import type { GuestPoint, HostPoint } from "@/lib/metrics/series";

// Pure functions: one sample of counters per guest (from GET_ALL_DOMAIN_STATS) or per host (node CPU
// and memory stats), and the rates between two successive samples. A counter that cannot be trusted
// for an interval (the guest restarted, a counter went backwards, a device came or went) gives null for
// the series it feeds, for that interval only: the next interval compares two good samples again.

type Num = TypedParamValue | undefined;

const BLOCK_FIELDS = ["rd.bytes", "wr.bytes", "rd.reqs", "wr.reqs"] as const;
const NET_FIELDS = ["rx.bytes", "tx.bytes", "rx.pkts", "tx.pkts"] as const;
type BlockField = (typeof BLOCK_FIELDS)[number];
type NetField = (typeof NET_FIELDS)[number];

/** One guest's counters at one moment. Devices are keyed by their target name (vda, vnet3 …). */
export interface GuestSample {
  /** Wall clock, ms. */
  at: number;
  /** libvirt's runtime domain id: a new one on every start, so a restart is seen even between samples. */
  domId: number;
  cpuTimeNs: number | null;
  vcpus: number;
  memUsedKiB: number | null;
  memTotalKiB: number | null;
  /** The balloon's current size (what QEMU gives it), or the most it may have when that is not reported. */
  memGivenKiB: number | null;
  blocks: Map<string, Record<BlockField, number | null>>;
  nets: Map<string, Record<NetField, number | null>>;
}

/** One host's counters at one moment: node CPU times (ns, per kind) and node memory (KiB, per kind). */
export interface HostSample {
  at: number;
  cpu: Record<string, number> | null;
  memory: Record<string, number> | null;
}

function toNumber(v: Num): number | null {
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "number" && Number.isFinite(v)) return v;
  return null;
}

function devices<F extends string>(
  stats: Record<string, TypedParamValue>,
  family: "block" | "net",
  fields: readonly F[],
): Map<string, Record<F, number | null>> {
  const out = new Map<string, Record<F, number | null>>();
  const count = toNumber(stats[`${family}.count`]) ?? 0;
  for (let i = 0; i < count; i++) {
    const name = stats[`${family}.${i}.name`];
    const key = typeof name === "string" && name ? name : `#${i}`;
    const values = {} as Record<F, number | null>;
    for (const f of fields) values[f] = toNumber(stats[`${family}.${i}.${f}`]);
    out.set(key, values);
  }
  return out;
}

/**
 * Memory the guest uses: with a balloon driver that reports it, what the guest itself sees as used
 * (available − unused, out of available); otherwise the balloon's current size (what QEMU gave it),
 * out of the most it may have.
 */
function memory(stats: Record<string, TypedParamValue>): { used: number | null; total: number | null } {
  const available = toNumber(stats["balloon.available"]);
  const unused = toNumber(stats["balloon.unused"]);
  if (available !== null && available > 0 && unused !== null && unused <= available) return { used: available - unused, total: available };
  const current = toNumber(stats["balloon.current"]);
  const maximum = toNumber(stats["balloon.maximum"]);
  return { used: current, total: maximum ?? current };
}

/** A guest's sample from its GET_ALL_DOMAIN_STATS record (typed parameters as a plain object). */
export function guestSample(stats: Record<string, TypedParamValue>, domId: number, at: number): GuestSample {
  const mem = memory(stats);
  return {
    at,
    domId,
    cpuTimeNs: toNumber(stats["cpu.time"]),
    vcpus: toNumber(stats["vcpu.current"]) ?? toNumber(stats["vcpu.maximum"]) ?? 0,
    memUsedKiB: mem.used,
    memTotalKiB: mem.total,
    memGivenKiB: toNumber(stats["balloon.current"]) ?? toNumber(stats["balloon.maximum"]),
    blocks: devices(stats, "block", BLOCK_FIELDS),
    nets: devices(stats, "net", NET_FIELDS),
  };
}

/** A host's sample from node CPU stats (ns) and node memory stats (KiB); either may be missing (test driver). */
export function hostSample(
  cpu: Record<string, bigint | number> | null,
  mem: Record<string, bigint | number> | null,
  at: number,
): HostSample {
  const plain = (r: Record<string, bigint | number> | null) =>
    r ? Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])) : null;
  return { at, cpu: plain(cpu), memory: plain(mem) };
}

/** Counter delta, or null when either end is missing or the counter went backwards (reset). */
function delta(before: number | null | undefined, after: number | null | undefined): number | null {
  if (before === null || before === undefined || after === null || after === undefined) return null;
  const d = after - before;
  return d >= 0 ? d : null;
}

function sameKeys(a: Map<string, unknown>, b: Map<string, unknown>): boolean {
  if (a.size !== b.size) return false;
  for (const k of a.keys()) if (!b.has(k)) return false;
  return true;
}

/**
 * Per-second rate of each field summed over a device family. A device added or removed between the
 * samples voids the whole family for the interval (its counters start or vanish mid-way); a counter
 * going backwards on any device voids that field.
 */
function familyRates<F extends string>(
  before: Map<string, Record<F, number | null>>,
  after: Map<string, Record<F, number | null>>,
  fields: readonly F[],
  seconds: number,
): Record<F, number | null> {
  const out = {} as Record<F, number | null>;
  const comparable = sameKeys(before, after);
  for (const f of fields) {
    if (!comparable) {
      out[f] = null;
      continue;
    }
    let sum: number | null = 0;
    for (const [key, values] of after) {
      const d = delta(before.get(key)?.[f], values[f]);
      if (d === null) {
        sum = null;
        break;
      }
      sum += d;
    }
    out[f] = sum === null ? null : sum / seconds;
  }
  return out;
}

const round2 = (v: number | null): number | null => (v === null ? null : Math.round(v * 100) / 100);
/** CPU counters may run slightly ahead of the wall clock between two reads; past this it is a reset, not load. */
const CPU_SLACK = 1.5;

/**
 * The point for `current`: memory from the sample itself, rates against `previous` (the guest's sample
 * one interval earlier). No previous sample, a different domain id (restarted) or no time between them
 * gives null rates.
 */
export function guestPoint(previous: GuestSample | undefined, current: GuestSample, hostCpus: number): GuestPoint {
  const point: GuestPoint = {
    t: current.at,
    cpuPercent: null,
    cpuHostPercent: null,
    memUsedKiB: current.memUsedKiB,
    memTotalKiB: current.memTotalKiB,
    diskReadBps: null,
    diskWriteBps: null,
    diskReadIops: null,
    diskWriteIops: null,
    netRxBps: null,
    netTxBps: null,
    netRxPps: null,
    netTxPps: null,
    vcpus: current.vcpus || null,
    memGivenKiB: current.memGivenKiB,
  };
  const wallMs = previous ? current.at - previous.at : 0;
  if (!previous || previous.domId !== current.domId || wallMs <= 0) return point;
  const wallNs = wallMs * 1e6;
  const cpuNs = delta(previous.cpuTimeNs, current.cpuTimeNs);
  const vcpus = Math.max(current.vcpus, previous.vcpus, 1);
  if (cpuNs !== null && cpuNs <= wallNs * vcpus * CPU_SLACK) {
    point.cpuPercent = round2(Math.min(100, (cpuNs / (wallNs * Math.max(current.vcpus, 1))) * 100));
    if (hostCpus > 0) point.cpuHostPercent = round2(Math.min(100, (cpuNs / (wallNs * hostCpus)) * 100));
  }
  const seconds = wallMs / 1000;
  const disk = familyRates(previous.blocks, current.blocks, BLOCK_FIELDS, seconds);
  point.diskReadBps = disk["rd.bytes"] === null ? null : Math.round(disk["rd.bytes"]);
  point.diskWriteBps = disk["wr.bytes"] === null ? null : Math.round(disk["wr.bytes"]);
  point.diskReadIops = round2(disk["rd.reqs"]);
  point.diskWriteIops = round2(disk["wr.reqs"]);
  const net = familyRates(previous.nets, current.nets, NET_FIELDS, seconds);
  point.netRxBps = net["rx.bytes"] === null ? null : Math.round(net["rx.bytes"]);
  point.netTxBps = net["tx.bytes"] === null ? null : Math.round(net["tx.bytes"]);
  point.netRxPps = round2(net["rx.pkts"]);
  point.netTxPps = round2(net["tx.pkts"]);
  return point;
}

/** Idle kinds of node CPU time; everything else (user, kernel, intr …) counts as busy. */
const IDLE_KINDS = new Set(["idle", "iowait"]);

/**
 * Host CPU % from the node CPU time deltas (busy / all kinds), and memory used from node memory stats
 * (total − free − buffers − cached, as `free` shows it).
 */
export function hostPoint(previous: HostSample | undefined, current: HostSample): HostPoint {
  const point: HostPoint = { t: current.at, cpuPercent: null, memUsedKiB: null, memTotalKiB: null };
  const mem = current.memory;
  if (mem && typeof mem.total === "number" && mem.total > 0) {
    const used = mem.total - (mem.free ?? 0) - (mem.buffers ?? 0) - (mem.cached ?? 0);
    point.memTotalKiB = mem.total;
    point.memUsedKiB = Math.max(0, used);
  }
  const before = previous?.cpu;
  const after = current.cpu;
  if (!before || !after || current.at <= (previous?.at ?? current.at)) return point;
  let total = 0;
  let idle = 0;
  for (const [kind, value] of Object.entries(after)) {
    const d = delta(before[kind], value);
    if (d === null) return point;
    total += d;
    if (IDLE_KINDS.has(kind)) idle += d;
  }
  if (total > 0) point.cpuPercent = round2(Math.min(100, Math.max(0, ((total - idle) / total) * 100)));
  return point;
}
