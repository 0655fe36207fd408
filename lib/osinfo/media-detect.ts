import type { OsinfoDb } from "./database";
import { readIsoIdentity, readIsoIdentityFromFile, type IsoIdentity } from "./iso9660";
import { archAccepts, compareCandidates, scoreRule, type RankedCandidate } from "./rule-matching";
import type { MediaRule, OsinfoArch } from "./types";

export interface MediaMatch extends RankedCandidate {
  media: MediaRule;
}

export interface DetectOptions {
  /** Only consider rules for this architecture (or "all"). */
  arch?: OsinfoArch;
}

function scoreMedia(rule: MediaRule, identity: IsoIdentity): number | undefined {
  const { iso } = rule;
  const fieldScore = scoreRule([
    { pattern: iso.volumeId, value: identity.volumeId },
    { pattern: iso.systemId, value: identity.systemId },
    { pattern: iso.publisherId, value: identity.publisherId },
    { pattern: iso.applicationId, value: identity.applicationId },
  ]);
  if (fieldScore === undefined) return undefined;
  if (iso.volumeSizeBytes === undefined) return fieldScore;
  return iso.volumeSizeBytes === identity.volumeSizeBytes ? fieldScore + 1 : undefined;
}

/**
 * Every OS media rule the identity satisfies, best first (see compareCandidates).
 * One entry per OS: the OS's best-scoring rule. Empty when nothing matches.
 */
export function matchMedia(db: OsinfoDb, identity: IsoIdentity, options: DetectOptions = {}): MediaMatch[] {
  const bestPerOs = new Map<string, MediaMatch>();
  const better = compareCandidates(db, options.arch);
  for (const os of db.entries) {
    for (const media of os.media) {
      if (!archAccepts(media.arch, options.arch)) continue;
      const score = scoreMedia(media, identity);
      if (score === undefined) continue;
      const candidate: MediaMatch = { os, media, score, ruleArch: media.arch };
      const current = bestPerOs.get(os.id);
      if (!current || better(candidate, current) < 0) bestPerOs.set(os.id, candidate);
    }
  }
  return [...bestPerOs.values()].sort(better);
}

/** The best match for an ISO header (e.g. the first 64 KiB of a libvirt volume), or undefined. */
export function detectFromIsoHeader(db: OsinfoDb, header: Uint8Array, options?: DetectOptions): MediaMatch | undefined {
  return matchMedia(db, readIsoIdentity(header), options)[0];
}

/** The best match for a local ISO file, or undefined. */
export async function detectFromIsoFile(db: OsinfoDb, filePath: string, options?: DetectOptions): Promise<MediaMatch | undefined> {
  return matchMedia(db, await readIsoIdentityFromFile(filePath), options)[0];
}
