import type { OsinfoDb } from "./database";
import type { OsEntry, OsinfoArch } from "./types";

const compiled = new Map<string, RegExp | null>();

/**
 * osinfo-db patterns are GLib (PCRE) regexes that libosinfo matches unanchored and
 * case-sensitively. The ones in the database are all valid JavaScript too; a pattern that
 * is not never matches instead of failing the whole detection.
 */
export function matchesPattern(pattern: string, value: string): boolean {
  let regex = compiled.get(pattern);
  if (regex === undefined) {
    try {
      regex = new RegExp(pattern);
    } catch {
      regex = null;
    }
    compiled.set(pattern, regex);
  }
  return regex !== null && regex.test(value);
}

/**
 * Counts how many of the rule's fields match; undefined when any of them does not
 * (or when the rule has no fields, which would otherwise match everything).
 */
export function scoreRule(pairs: { pattern: string | undefined; value: string | undefined }[]): number | undefined {
  let matched = 0;
  for (const { pattern, value } of pairs) {
    if (pattern === undefined) continue;
    if (value === undefined || !matchesPattern(pattern, value)) return undefined;
    matched++;
  }
  return matched > 0 ? matched : undefined;
}

/** True when `newer` reaches `older` by following derives-from / upgrades links. */
export function isSuccessorOf(db: OsinfoDb, newer: OsEntry, older: OsEntry): boolean {
  const seen = new Set<string>();
  const pending = [newer.derivesFrom, newer.upgrades];
  while (pending.length > 0) {
    const id = pending.pop();
    if (!id || seen.has(id)) continue;
    if (id === older.id) return true;
    seen.add(id);
    const next = db.get(id);
    if (next) pending.push(next.derivesFrom, next.upgrades);
  }
  return false;
}

export interface RankedCandidate {
  os: OsEntry;
  /** How many identifiers of the rule matched: a rule that pins more fields is more specific. */
  score: number;
  ruleArch: OsinfoArch;
}

/**
 * Best candidate first: more matched fields; then the rule for the requested arch over an
 * "all" rule; then, between releases whose rules match the same media (win10 and win11 share
 * one volume-id pattern), the successor; then the later release date; then short id.
 */
export function compareCandidates(db: OsinfoDb, wantedArch: OsinfoArch | undefined) {
  return (a: RankedCandidate, b: RankedCandidate): number => {
    if (a.score !== b.score) return b.score - a.score;
    if (wantedArch && a.ruleArch !== b.ruleArch) {
      if (a.ruleArch === wantedArch) return -1;
      if (b.ruleArch === wantedArch) return 1;
    }
    if (a.os.id !== b.os.id) {
      if (isSuccessorOf(db, a.os, b.os)) return -1;
      if (isSuccessorOf(db, b.os, a.os)) return 1;
    }
    if (a.os.releaseDate !== b.os.releaseDate) return b.os.releaseDate.localeCompare(a.os.releaseDate);
    return a.os.shortId.localeCompare(b.os.shortId);
  };
}

export function archAccepts(ruleArch: OsinfoArch, wantedArch: OsinfoArch | undefined): boolean {
  return !wantedArch || ruleArch === "all" || ruleArch === wantedArch;
}
