import type { OsEntry } from "./types";

export type OsSortOrder = "vendor" | "releaseDate" | "name";

export interface OsSearchOptions {
  /** Case-insensitive substring of the name or of any short id. */
  query?: string;
  /** End-of-life releases are hidden unless this is true. */
  includeEol?: boolean;
  family?: string;
  distro?: string;
  /** "Today" for the EOL check, as an ISO date; defaults to the current date. */
  today?: string;
  /** vendor: by vendor, newest release first inside each vendor (the picker's default). */
  sort?: OsSortOrder;
  limit?: number;
}

const SUPPORT_YEARS_WITHOUT_EOL_DATE = 5;

/**
 * virt-manager's rule: past its eol-date; or, with no eol-date (a third of osinfo-db, e.g.
 * fedora1–35, ubuntu 4.10–21.10), released more than five years ago. Rolling releases never
 * reach end of life, and an entry with neither date is kept.
 */
export function isEndOfLife(os: OsEntry, today = new Date().toISOString().slice(0, 10)): boolean {
  if (os.eolDate) return os.eolDate <= today;
  if (os.releaseStatus === "rolling" || !os.releaseDate) return false;
  const supportedUntil = `${Number(os.releaseDate.slice(0, 4)) + SUPPORT_YEARS_WITHOUT_EOL_DATE}${os.releaseDate.slice(4)}`;
  return supportedUntil <= today;
}

function matchesQuery(os: OsEntry, query: string): boolean {
  const needle = query.trim().toLowerCase();
  if (!needle) return true;
  return os.name.toLowerCase().includes(needle) || os.shortIds.some((shortId) => shortId.toLowerCase().includes(needle));
}

const newestFirst = (a: OsEntry, b: OsEntry) => b.releaseDate.localeCompare(a.releaseDate) || a.name.localeCompare(b.name);

const SORTERS: Record<OsSortOrder, (a: OsEntry, b: OsEntry) => number> = {
  vendor: (a, b) => a.vendor.localeCompare(b.vendor) || newestFirst(a, b),
  releaseDate: newestFirst,
  name: (a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }),
};

/** Filters and sorts OS entries for a picker. Does not modify `entries`. */
export function searchOs(entries: readonly OsEntry[], options: OsSearchOptions = {}): OsEntry[] {
  const { query = "", includeEol = false, family, distro, today, sort = "vendor", limit } = options;
  const found = entries.filter(
    (os) =>
      matchesQuery(os, query) &&
      (includeEol || !isEndOfLife(os, today)) &&
      (!family || os.family === family) &&
      (!distro || os.distro === distro),
  );
  found.sort(SORTERS[sort]);
  return limit === undefined ? found : found.slice(0, limit);
}
