import "server-only";
import { ErrorCode, isLibvirtError, remoteProcedures as p, uuidToString, type Libvirt, type TypedParamValue } from "@/lib/libvirt";
import type { DomainRef } from "@/lib/libvirt/api/domains";
import {
  VirConnectListAllDomainsFlags as ListFlags,
  VirDomainInterfaceAddressesSource,
  VirDomainMetadataType,
  VirDomainStatsTypes,
} from "@/lib/libvirt/generated/flags";
import type { GuestRow } from "@/lib/guests/types";
import { log } from "../log";
import { mirrorHostGuestTags, tagAccessChanged } from "../tags/guest-tag-index";
import { readGuestTags } from "../tags/read-guest-tags";
import { isTemplate } from "../templates/template-mark";
import { describeState } from "./state-reason";

const STATS =
  VirDomainStatsTypes.VIR_DOMAIN_STATS_STATE |
  VirDomainStatsTypes.VIR_DOMAIN_STATS_CPU_TOTAL |
  VirDomainStatsTypes.VIR_DOMAIN_STATS_BALLOON |
  VirDomainStatsTypes.VIR_DOMAIN_STATS_VCPU |
  VirDomainStatsTypes.VIR_DOMAIN_STATS_INTERFACE |
  VirDomainStatsTypes.VIR_DOMAIN_STATS_BLOCK;
/** Rates need two samples at least this far apart; closer calls reuse the previous rates. */
const MIN_SAMPLE_GAP_MS = 1000;
const IP_REFRESH_MS = 30_000;
/** Rows are re-read at most this often per host, shared by every viewer; any event for the host re-reads at once. */
const SNAPSHOT_MS = 1000;
/**
 * For callers that read only the rows' states, sizes and definitions, not their rates (the fleet dashboard, a
 * host's guest counts): every lifecycle, definition or metadata event drops a host's snapshot at once, so one up
 * to this old is still right, and such a caller never makes a host re-read every guest.
 */
export const STATES_MAX_AGE_MS = 30_000;

type Counters = { at: number; cpuNs: number; diskBytes: number; netBytes: number };
type Rates = { cpuPercent: number | null; diskBytesPerSec: number | null; netBytesPerSec: number | null };

const num = (v: TypedParamValue | undefined): number => (typeof v === "bigint" ? Number(v) : typeof v === "number" ? v : 0);

function sumIndexed(stats: Record<string, TypedParamValue>, family: "block" | "net", fields: string[]): number {
  let total = 0;
  const count = num(stats[`${family}.count`]);
  for (let i = 0; i < count; i++) for (const f of fields) total += num(stats[`${family}.${i}.${f}`]);
  return total;
}

/**
 * What one host's guests look like right now, built from bulk calls only: one GET_ALL_DOMAIN_STATS and
 * two filtered LIST_ALL_DOMAINS per refresh, however many guests there are. Titles and IP addresses
 * need per-guest calls, so they are cached: titles until a metadata event, addresses for 30 s.
 */
export class HostInventory {
  private previous = new Map<string, Counters>();
  private rates = new Map<string, Rates>();
  private titles = new Map<string, string | null>();
  /** Tags from each guest's metadata (console namespace), kept like titles until a metadata event. */
  private tags = new Map<string, string[]>();
  /** Whether each guest carries the template mark, kept the same way. */
  private templates = new Map<string, boolean>();
  /** vCPUs and memory of guests whose driver leaves them out of the bulk stats (the test driver). */
  private sizes = new Map<string, { vcpus: number; memoryKiB: number }>();
  private ips = new Map<string, string[]>();
  private ipsFetchedAt = 0;
  private ipRefresh: Promise<void> | null = null;
  /** The last rows read, shared by concurrent and quickly repeated requests (rows are never mutated after). */
  private snapshot: { at: number; rows: GuestRow[] } | null = null;
  private reading: Promise<GuestRow[]> | null = null;
  private generation = 0;
  /** Start times the console itself observed (libvirt has no "started at" for a domain). */
  readonly runningSince = new Map<string, number>();

  constructor(readonly hostId: string) {}

  /** After a metadata change, or a redefinition that may have changed the size. */
  forgetDefinition(uuid: string): void {
    this.titles.delete(uuid);
    this.tags.delete(uuid);
    this.templates.delete(uuid);
    this.sizes.delete(uuid);
  }

  noteStarted(uuid: string, at = Date.now()): void {
    this.runningSince.set(uuid, at);
  }

  noteStopped(uuid: string): void {
    this.runningSince.delete(uuid);
    this.ips.delete(uuid);
  }

  /**
   * @param background where per-guest refreshes (addresses) run: the host's jobs connection, so they
   *   never queue in front of the bulk calls on the main one (libvirtd allows 5 calls in flight each).
   * @param maxAgeMs how old a snapshot the caller accepts; any event for the host drops it whatever its age.
   */
  async rows(lv: Libvirt, background: () => Promise<Libvirt> = async () => lv, maxAgeMs = SNAPSHOT_MS): Promise<GuestRow[]> {
    if (this.snapshot && Date.now() - this.snapshot.at < maxAgeMs) return this.snapshot.rows;
    if (!this.reading) {
      const generation = this.generation;
      this.reading = this.read(lv, background)
        .then((rows) => {
          if (generation === this.generation) this.snapshot = { at: Date.now(), rows };
          return rows;
        })
        .finally(() => (this.reading = null));
    }
    return this.reading;
  }

  /** Something changed (an event, or one of the console's own actions): the next rows() reads afresh. */
  invalidate(): void {
    this.generation++;
    this.snapshot = null;
  }

  private async read(lv: Libvirt, background: () => Promise<Libvirt>): Promise<GuestRow[]> {
    const [records, autostart, persistent, managedSave] = await Promise.all([
      lv.domains.allStats(STATS, 0),
      lv.domains.listRefs(ListFlags.VIR_CONNECT_LIST_DOMAINS_AUTOSTART),
      lv.domains.listRefs(ListFlags.VIR_CONNECT_LIST_DOMAINS_PERSISTENT),
      lv.domains.listRefs(ListFlags.VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE),
    ]);
    const uuidSet = (refs: DomainRef[]) => new Set(refs.map((d) => uuidToString(d.uuid)));
    const autostartSet = uuidSet(autostart);
    const persistentSet = uuidSet(persistent);
    const managedSaveSet = uuidSet(managedSave);
    const now = Date.now();
    const refs = new Map<string, DomainRef>();
    /** Running guests with network interfaces: the only ones worth asking for addresses. */
    const withNics = new Set<string>();
    const rows: GuestRow[] = records.map(({ domain, stats }) => {
      const uuid = uuidToString(domain.uuid);
      refs.set(uuid, domain);
      const { state, reason } = describeState(num(stats["state.state"]), num(stats["state.reason"]));
      const running = state === "running" || state === "blocked" || state === "paused";
      if (!running) this.noteStopped(uuid);
      else if (num(stats["net.count"]) > 0) withNics.add(uuid);
      const vcpus = num(stats["vcpu.current"]) || num(stats["vcpu.maximum"]);
      const rates = running ? this.rate(uuid, now, stats, vcpus) : { cpuPercent: null, diskBytesPerSec: null, netBytesPerSec: null };
      return {
        hostId: this.hostId,
        uuid,
        name: domain.name,
        title: this.titles.get(uuid) ?? null,
        tags: this.tags.get(uuid) ?? [],
        template: this.templates.get(uuid) ?? false,
        state,
        stateReason: reason,
        persistent: persistentSet.has(uuid),
        autostart: autostartSet.has(uuid),
        hasManagedSave: managedSaveSet.has(uuid),
        vcpus,
        memoryKiB: num(stats["balloon.maximum"]) || num(stats["balloon.current"]),
        ...rates,
        memoryPercent: running ? memoryPercent(stats) : null,
        runningSince: running ? (this.runningSince.get(uuid) ?? null) : null,
        ipAddresses: running ? (this.ips.get(uuid) ?? []) : [],
      };
    });
    for (const uuid of this.previous.keys()) if (!refs.has(uuid)) this.previous.delete(uuid);
    await Promise.all([
      this.fillTitles(lv, rows, refs),
      this.fillTags(lv, rows, refs),
      this.fillTemplates(lv, rows, refs),
      this.fillSizes(lv, rows, refs),
    ]);
    this.scheduleIpRefresh(background, withNics, refs);
    return rows;
  }

  private rate(uuid: string, at: number, stats: Record<string, TypedParamValue>, vcpus: number): Rates {
    const current: Counters = {
      at,
      cpuNs: num(stats["cpu.time"]),
      diskBytes: sumIndexed(stats, "block", ["rd.bytes", "wr.bytes"]),
      netBytes: sumIndexed(stats, "net", ["rx.bytes", "tx.bytes"]),
    };
    const before = this.previous.get(uuid);
    if (!before) {
      this.previous.set(uuid, current);
      return { cpuPercent: null, diskBytesPerSec: null, netBytesPerSec: null };
    }
    const elapsed = current.at - before.at;
    if (elapsed < MIN_SAMPLE_GAP_MS) return this.rates.get(uuid) ?? { cpuPercent: null, diskBytesPerSec: null, netBytesPerSec: null };
    const perSec = (delta: number) => Math.max(0, (delta * 1000) / elapsed);
    const rates: Rates = {
      cpuPercent: Math.min(100, Math.max(0, ((current.cpuNs - before.cpuNs) / (elapsed * 1e6 * Math.max(1, vcpus))) * 100)),
      diskBytesPerSec: perSec(current.diskBytes - before.diskBytes),
      netBytesPerSec: perSec(current.netBytes - before.netBytes),
    };
    this.previous.set(uuid, current);
    this.rates.set(uuid, rates);
    return rates;
  }

  /** Titles are per-guest calls; fetched once per guest (pipelined) and kept until a metadata event. */
  private async fillTitles(lv: Libvirt, rows: GuestRow[], refs: Map<string, DomainRef>): Promise<void> {
    const missing = rows.filter((r) => !this.titles.has(r.uuid));
    await Promise.all(
      missing.map(async (row) => {
        try {
          const { metadata } = await lv.client.call(p.DOMAIN_GET_METADATA, {
            dom: refs.get(row.uuid)!,
            type: VirDomainMetadataType.VIR_DOMAIN_METADATA_TITLE,
            uri: null,
            flags: 0,
          });
          this.titles.set(row.uuid, metadata || null);
        } catch (err) {
          if (isLibvirtError(err, ErrorCode.VIR_ERR_NO_DOMAIN_METADATA)) this.titles.set(row.uuid, null);
          // Other failures (the guest vanished meanwhile) leave it uncached for the next refresh.
        }
        row.title = this.titles.get(row.uuid) ?? null;
      }),
    );
  }

  /**
   * Tags are per-guest calls too, fetched like titles. Each one read afresh is brought into the tag mirror, so
   * tags another tool wrote (virsh) reach grants on a tag once the list has read them.
   */
  private async fillTags(lv: Libvirt, rows: GuestRow[], refs: Map<string, DomainRef>): Promise<void> {
    const fetched = new Map<string, string[]>();
    await Promise.all(
      rows
        .filter((r) => !this.tags.has(r.uuid))
        .map(async (row) => {
          const tags = await readGuestTags({ lv, dom: refs.get(row.uuid)! }).catch(() => null);
          if (!tags) return; // the guest vanished meanwhile: left for the next refresh
          this.tags.set(row.uuid, tags);
          row.tags = tags;
          fetched.set(row.uuid, tags);
        }),
    );
    await mirrorHostGuestTags(this.hostId, fetched)
      .then(({ changed }) => tagAccessChanged(changed))
      .catch((err: Error) => log.error(`guest tags of host ${this.hostId} not mirrored: ${err.message}`));
  }

  /** The template mark is a per-guest metadata call too, fetched once per guest and kept until a metadata event. */
  private async fillTemplates(lv: Libvirt, rows: GuestRow[], refs: Map<string, DomainRef>): Promise<void> {
    await Promise.all(
      rows
        .filter((r) => !this.templates.has(r.uuid))
        .map(async (row) => {
          const template = await isTemplate({ lv, dom: refs.get(row.uuid)! }).catch(() => null);
          if (template === null) return; // the guest vanished meanwhile: left for the next refresh
          this.templates.set(row.uuid, template);
          row.template = template;
        }),
    );
  }

  private async fillSizes(lv: Libvirt, rows: GuestRow[], refs: Map<string, DomainRef>): Promise<void> {
    await Promise.all(
      rows
        .filter((r) => r.vcpus === 0 || r.memoryKiB === 0)
        .map(async (row) => {
          let size = this.sizes.get(row.uuid);
          if (!size) {
            const info = await lv.domains.info(refs.get(row.uuid)!).catch(() => null);
            if (!info) return;
            size = { vcpus: info.vcpus, memoryKiB: Number(info.maxMemory) };
            this.sizes.set(row.uuid, size);
          }
          row.vcpus ||= size.vcpus;
          row.memoryKiB ||= size.memoryKiB;
        }),
    );
  }

  /** Addresses from DHCP leases, else from the guest agent; refreshed in the background, never awaited. */
  private scheduleIpRefresh(background: () => Promise<Libvirt>, uuids: Set<string>, refs: Map<string, DomainRef>): void {
    if (this.ipRefresh || uuids.size === 0 || Date.now() - this.ipsFetchedAt < IP_REFRESH_MS) return;
    const running = [...uuids].map((uuid) => ({ uuid, dom: refs.get(uuid)! }));
    this.ipRefresh = background()
      .then((lv) => Promise.all(running.map(({ uuid, dom }) => this.refreshAddresses(lv, uuid, dom))))
      .catch(() => undefined)
      .then(() => void (this.ipsFetchedAt = Date.now()))
      .finally(() => (this.ipRefresh = null));
  }

  private async refreshAddresses(lv: Libvirt, uuid: string, dom: DomainRef): Promise<void> {
    const addresses = async (source: VirDomainInterfaceAddressesSource) => {
      const ifaces = await lv.domains.interfaceAddresses(dom, source).catch(() => []);
      return ifaces.flatMap((i) => i.addrs.map((a) => a.addr));
    };
    const { VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE, VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT } = VirDomainInterfaceAddressesSource;
    const fromLeases = await addresses(VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE);
    this.ips.set(uuid, fromLeases.length ? fromLeases : await addresses(VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT));
  }
}

function memoryPercent(stats: Record<string, TypedParamValue>): number | null {
  const available = num(stats["balloon.available"]);
  const unused = num(stats["balloon.unused"]);
  // With a guest balloon driver: what the guest itself uses; otherwise QEMU's resident set.
  if (available > 0) return Math.min(100, ((available - unused) / available) * 100);
  const current = num(stats["balloon.current"]);
  const rss = num(stats["balloon.rss"]);
  return current > 0 && rss > 0 ? Math.min(100, (rss / current) * 100) : null;
}
