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

export function isEndOfLife(os: OsEntry, today = new Date().toISOString().slice(0, 10)): boolean {
  return os.eolDate !== "" && os.eolDate <= today;
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
