// The guest list's pure logic: columns, filtering, sorting and shift-click ranges (unit-tested).
import type { GuestRow, GuestState } from "@/lib/guests/types";

export type ColumnId =
  "name" | "host" | "state" | "tags" | "vcpus" | "memory" | "cpu" | "memoryUse" | "disk" | "net" | "uptime" | "ips" | "autostart";

/** A column; its header is the message guests.column.<id>. */
export type Column = { id: ColumnId; width: string; numeric?: boolean; hideable: boolean };

export const columns: Column[] = [
  { id: "name", width: "minmax(10rem, 2fr)", hideable: false },
  { id: "host", width: "minmax(6rem, 1fr)", hideable: true },
  { id: "state", width: "7.5rem", hideable: false },
  { id: "tags", width: "minmax(6rem, 1fr)", hideable: true },
  { id: "vcpus", width: "4rem", numeric: true, hideable: true },
  { id: "memory", width: "5.5rem", numeric: true, hideable: true },
  { id: "cpu", width: "5.5rem", numeric: true, hideable: true },
  { id: "memoryUse", width: "6.5rem", numeric: true, hideable: true },
  { id: "disk", width: "6.5rem", numeric: true, hideable: true },
  { id: "net", width: "6.5rem", numeric: true, hideable: true },
  { id: "uptime", width: "6rem", numeric: true, hideable: true },
  { id: "ips", width: "minmax(7rem, 1fr)", hideable: true },
  { id: "autostart", width: "7rem", hideable: true },
];

export const defaultHidden: ColumnId[] = ["disk", "net"];
/** Columns whose values come from stats sampling (no libvirt event tells us they changed). */
export const statsColumns: ColumnId[] = ["cpu", "memoryUse", "disk", "net", "uptime"];

export const rowKey = (g: { hostId: string; uuid: string }) => `${g.hostId}/${g.uuid}`;

/** `templates`: only templates. Templates are not guests in a state: a state filter leaves them out. */
export type Filters = { search: string; states: GuestState[]; templates?: boolean };

/** The prefix of a search word that asks for guests carrying a tag: `tag:branch-berlin`. */
export const TAG_PREFIX = "tag:";

/** The search split into plain words and the tags asked for with `tag:x`. */
export function parseSearch(search: string): { words: string[]; tags: string[] } {
  const all = search.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return {
    words: all.filter((w) => !w.startsWith(TAG_PREFIX)),
    tags: all.filter((w) => w.startsWith(TAG_PREFIX) && w.length > TAG_PREFIX.length).map((w) => w.slice(TAG_PREFIX.length)),
  };
}

/** The search with `tag:x` added, or taken out when it is there. */
export function toggleTagInSearch(search: string, tag: string): string {
  const word = TAG_PREFIX + tag;
  const words = search.trim().split(/\s+/).filter(Boolean);
  const has = words.some((w) => w.toLowerCase() === word);
  return (has ? words.filter((w) => w.toLowerCase() !== word) : [...words, word]).join(" ");
}

/**
 * Search matches name, title, UUID, IP address, host name or tag (case-insensitive, all words); `tag:x` keeps
 * only guests carrying exactly the tag x (several: all of them).
 */
export function filterGuests(rows: readonly GuestRow[], filters: Filters, hostNames: ReadonlyMap<string, string>): GuestRow[] {
  const { words, tags } = parseSearch(filters.search);
  const states = new Set(filters.states);
  return rows.filter((g) => {
    if (filters.templates && !g.template) return false;
    if (states.size > 0 && (g.template || !states.has(g.state))) return false;
    if (!tags.every((t) => g.tags.includes(t))) return false;
    if (words.length === 0) return true;
    const hay = [g.name, g.title ?? "", g.uuid, hostNames.get(g.hostId) ?? "", ...g.ipAddresses, ...g.tags].join(" ").toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** How many guests are in each state, and how many are templates (counted apart, not as shut off). */
export function stateCounts(rows: readonly GuestRow[]): { states: Map<GuestState, number>; templates: number } {
  const states = new Map<GuestState, number>();
  let templates = 0;
  for (const g of rows) {
    if (g.template) templates++;
    else states.set(g.state, (states.get(g.state) ?? 0) + 1);
  }
  return { states, templates };
}

/** Every tag on these guests with how many carry it, most used first (the list's tag filter). */
export function tagCounts(rows: readonly GuestRow[]): { tag: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const g of rows) for (const t of g.tags) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts].map(([tag, count]) => ({ tag, count })).sort((a, b) => b.count - a.count || (a.tag < b.tag ? -1 : 1));
}

export type Sort = { column: ColumnId; dir: "asc" | "desc" };

const stateOrder: Record<GuestState, number> = {
  running: 0,
  blocked: 1,
  paused: 2,
  shutdown: 3,
  pmsuspended: 4,
  crashed: 5,
  shutoff: 6,
  nostate: 7,
};

function sortValue(g: GuestRow, column: ColumnId, hostNames: ReadonlyMap<string, string>, now: number): string | number | null {
  switch (column) {
    case "name":
      return g.name;
    case "host":
      return hostNames.get(g.hostId) ?? g.hostId;
    case "state":
      return stateOrder[g.state];
    case "tags":
      // Sorting by tags groups the guests that carry the same tags together.
      return g.tags.length ? g.tags.join(" ") : null;
    case "vcpus":
      return g.vcpus;
    case "memory":
      return g.memoryKiB;
    case "cpu":
      return g.cpuPercent;
    case "memoryUse":
      return g.memoryPercent;
    case "disk":
      return g.diskBytesPerSec;
    case "net":
      return g.netBytesPerSec;
    case "uptime":
      return g.runningSince === null ? null : now - g.runningSince;
    case "ips":
      return g.ipAddresses[0] ? ipSortKey(g.ipAddresses[0]) : null;
    case "autostart":
      return g.autostart ? 0 : 1;
  }
}

/** IPv4 addresses sort numerically (10.0.0.9 before 10.0.0.10); others as text after them. */
export function ipSortKey(ip: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  return m
    ? `0${m
        .slice(1)
        .map((p) => p.padStart(3, "0"))
        .join(".")}`
    : `1${ip.toLowerCase()}`;
}

/** "Web10" → "web000000000010": plain string comparison then sorts numbers inside names naturally (fast on 10,000 rows). */
export function naturalKey(text: string): string {
  return text.toLowerCase().replace(/\d+/g, (d) => d.padStart(12, "0"));
}

const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

/** Stable sort; empty values (—) always last whatever the direction; ties broken by name. */
export function sortGuests(
  rows: readonly GuestRow[],
  sort: Sort,
  hostNames: ReadonlyMap<string, string>,
  now: number = Date.now(),
): GuestRow[] {
  const sign = sort.dir === "asc" ? 1 : -1;
  const keyed = rows.map((g, i) => {
    const v = sortValue(g, sort.column, hostNames, now);
    return { g, i, v: typeof v === "string" ? naturalKey(v) : v, name: naturalKey(g.name) };
  });
  keyed.sort((a, b) => {
    if (a.v === null || b.v === null) {
      if (a.v !== b.v) return a.v === null ? 1 : -1;
    } else {
      const c = cmp(a.v, b.v);
      if (c !== 0) return c * sign;
    }
    return cmp(a.name, b.name) || a.i - b.i;
  });
  return keyed.map((k) => k.g);
}

/** Next sort after clicking a column header: same column flips, a new one starts ascending (numbers: descending). */
export function nextSort(current: Sort, column: ColumnId): Sort {
  if (current.column === column) return { column, dir: current.dir === "asc" ? "desc" : "asc" };
  const numeric = columns.find((c) => c.id === column)?.numeric;
  return { column, dir: numeric ? "desc" : "asc" };
}

/**
 * Checkbox click with optional shift: a plain click toggles one row; shift-click sets every row between
 * the last clicked one (the anchor) and this one to the clicked row's new value.
 */
export function toggleSelection(
  selected: ReadonlySet<string>,
  orderedKeys: readonly string[],
  key: string,
  anchor: string | null,
  shift: boolean,
): Set<string> {
  const next = new Set(selected);
  const value = !selected.has(key);
  const from = shift && anchor ? orderedKeys.indexOf(anchor) : -1;
  const to = orderedKeys.indexOf(key);
  if (from >= 0 && to >= 0) {
    const [lo, hi] = from < to ? [from, to] : [to, from];
    for (let i = lo; i <= hi; i++) {
      if (value) next.add(orderedKeys[i]);
      else next.delete(orderedKeys[i]);
    }
  } else if (value) next.add(key);
  else next.delete(key);
  return next;
}

/** Visible columns from a stored list of hidden ones; unknown ids are ignored, non-hideable ones always shown. */
export function parseHidden(stored: string | null): ColumnId[] {
  if (!stored) return defaultHidden;
  try {
    const ids = JSON.parse(stored) as unknown;
    if (!Array.isArray(ids)) return defaultHidden;
    return columns.filter((c) => c.hideable && ids.includes(c.id)).map((c) => c.id);
  } catch {
    return defaultHidden;
  }
}
