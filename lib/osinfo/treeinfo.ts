import type { OsinfoDb } from "./database";
import { archAccepts, compareCandidates, scoreRule, type RankedCandidate } from "./rule-matching";
import type { OsinfoArch, TreeinfoRule } from "./types";

/** The fields of a `.treeinfo` that osinfo's `<treeinfo>` rules look at. */
export interface TreeinfoFacts {
  family?: string;
  version?: string;
  arch?: string;
  variant?: string;
}

export class TreeinfoParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TreeinfoParseError";
  }
}

/** INI sections → key → value; keys lower-cased, later duplicates win (like GKeyFile). */
function parseIni(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line || line.startsWith("#") || line.startsWith(";")) continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      current = sections.get(header[1].trim()) ?? new Map();
      sections.set(header[1].trim(), current);
      continue;
    }
    const equals = line.indexOf("=");
    if (equals > 0 && current) current.set(line.slice(0, equals).trim().toLowerCase(), line.slice(equals + 1).trim());
  }
  return sections;
}

/**
 * Reads family/version/arch/variant from a .treeinfo. Old-style files (anaconda's
 * `[general]`) carry them directly; productmd 1.x files put them in `[release]`
 * (name, version) and `[tree]` (arch), with the variant in `[variant-<Name>]`/`[general]`.
 */
export function parseTreeinfo(text: string): TreeinfoFacts {
  const sections = parseIni(text);
  const general = sections.get("general");
  const release = sections.get("release");
  const tree = sections.get("tree");
  const facts: TreeinfoFacts = {
    family: general?.get("family") ?? release?.get("name"),
    version: general?.get("version") ?? release?.get("version"),
    arch: general?.get("arch") ?? tree?.get("arch"),
    variant: general?.get("variant") ?? singleVariantName(sections),
  };
  if (!facts.family && !facts.version && !facts.arch) {
    throw new TreeinfoParseError("not a .treeinfo: no [general] or [release]/[tree] section with family, version or arch");
  }
  return facts;
}

/** The installer kernel and initrd a tree offers for an architecture (`[images-<arch>]`), relative to the tree. */
export function treeBootImages(text: string, arch: string): { kernel: string; initrd: string } | undefined {
  const images = parseIni(text).get(`images-${arch}`);
  const kernel = images?.get("kernel");
  const initrd = images?.get("initrd");
  return kernel && initrd ? { kernel, initrd } : undefined;
}

/** productmd lists variants as `[variant-Server]` sections; only a tree with exactly one is unambiguous. */
function singleVariantName(sections: Map<string, Map<string, string>>): string | undefined {
  const names = [...sections.keys()]
    .filter((name) => name.startsWith("variant-"))
    .map((name) => sections.get(name)?.get("name") ?? name.slice(8));
  return names.length === 1 ? names[0] : undefined;
}

export interface TreeMatch extends RankedCandidate {
  tree: TreeinfoRule;
}

function scoreTree(rule: TreeinfoRule, facts: TreeinfoFacts): number | undefined {
  return scoreRule([
    { pattern: rule.family, value: facts.family },
    { pattern: rule.version, value: facts.version },
    { pattern: rule.arch, value: facts.arch },
    { pattern: rule.variant, value: facts.variant },
  ]);
}

/** Every OS whose `<tree>` rules match, best first (one entry per OS). */
export function matchTreeinfo(db: OsinfoDb, facts: TreeinfoFacts, options: { arch?: OsinfoArch } = {}): TreeMatch[] {
  const better = compareCandidates(db, options.arch);
  const bestPerOs = new Map<string, TreeMatch>();
  for (const os of db.entries) {
    for (const tree of os.trees) {
      if (!archAccepts(tree.treeArch, options.arch)) continue;
      const score = scoreTree(tree, facts);
      if (score === undefined) continue;
      const candidate: TreeMatch = { os, tree, score, ruleArch: tree.treeArch };
      const current = bestPerOs.get(os.id);
      if (!current || better(candidate, current) < 0) bestPerOs.set(os.id, candidate);
    }
  }
  return [...bestPerOs.values()].sort(better);
}

/** The OS an install tree's `.treeinfo` text belongs to (the caller fetches the file), or undefined. */
export function detectFromTreeinfo(db: OsinfoDb, treeinfoText: string, options?: { arch?: OsinfoArch }): TreeMatch | undefined {
  return matchTreeinfo(db, parseTreeinfo(treeinfoText), options)[0];
}
