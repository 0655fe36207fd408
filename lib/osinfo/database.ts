import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { parseDeviceXml, parseOsXml, type RawOs } from "./parse-os-xml";
import type { DeviceLink, FirmwareRule, OsEntry } from "./types";

export const DEFAULT_OSINFO_ROOT = "/usr/share/osinfo";

export interface OsinfoDb {
  readonly root: string;
  /** Every OS in the tree, in file order. */
  readonly entries: readonly OsEntry[];
  /** Milliseconds spent reading and parsing the tree. */
  readonly loadMillis: number;
  /** Look an OS up by its URI or any of its short ids. */
  get(idOrShortId: string): OsEntry | undefined;
  /** Files that could not be parsed; the rest of the tree still loads. */
  readonly skippedFiles: readonly { file: string; reason: string }[];
}

/**
 * The XML files below each vendor folder of `dir`. Under os/, `<short-id>.d/` folders hold
 * driver lists that repeat the OS id with nothing else, so they are skipped there
 * (`includeDotD` false); under device/, `pci-….d/class.xml` files are the devices themselves.
 */
export function listVendorFiles(dir: string, includeDotD: boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((vendor) => vendor.isDirectory())
    .flatMap((vendor) => listXmlFilesBelow(path.join(dir, vendor.name), includeDotD))
    .sort();
}

function listXmlFilesBelow(dir: string, includeDotD: boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return includeDotD || !entry.name.endsWith(".d") ? listXmlFilesBelow(full, includeDotD) : [];
    return entry.name.endsWith(".xml") ? [full] : [];
  });
}

function loadDeviceCatalogue(root: string): Map<string, { name: string; deviceClass: string }> {
  const catalogue = new Map<string, { name: string; deviceClass: string }>();
  for (const file of listVendorFiles(path.join(root, "device"), true)) {
    for (const device of parseDeviceXml(readFileSync(file, "utf8"), file)) catalogue.set(device.id, device);
  }
  return catalogue;
}

/** Walks derives-from from the OS itself to its oldest ancestor, stopping at cycles and unknown ids. */
function ancestry(os: RawOs, byId: Map<string, RawOs>): RawOs[] {
  const chain: RawOs[] = [];
  const seen = new Set<string>();
  for (let current: RawOs | undefined = os; current && !seen.has(current.id); current = byId.get(current.derivesFrom ?? "")) {
    seen.add(current.id);
    chain.push(current);
  }
  return chain;
}

function resolveDevices(chain: RawOs[], catalogue: Map<string, { name: string; deviceClass: string }>): DeviceLink[] {
  // The nearest declaration decides, so a child can withdraw (supported="false") what a parent offers.
  const decided = new Map<string, boolean>();
  for (const os of chain) {
    for (const link of os.deviceLinks) if (!decided.has(link.id)) decided.set(link.id, link.supported);
  }
  return [...decided]
    .filter(([, supported]) => supported)
    .map(([id]) => ({ id, name: catalogue.get(id)?.name ?? "", deviceClass: catalogue.get(id)?.deviceClass ?? "" }));
}

function resolveFirmware(chain: RawOs[]): FirmwareRule[] {
  const decided = new Map<string, FirmwareRule>();
  for (const os of chain) {
    for (const rule of os.firmware) {
      const key = `${rule.arch}/${rule.type}`;
      if (!decided.has(key)) decided.set(key, rule);
    }
  }
  return [...decided.values()];
}

function resolveEntry(os: RawOs, byId: Map<string, RawOs>, catalogue: Map<string, { name: string; deviceClass: string }>): OsEntry {
  const chain = ancestry(os, byId);
  return {
    id: os.id,
    shortId: os.shortIds[0] ?? os.id,
    shortIds: os.shortIds,
    name: os.name,
    vendor: os.vendor,
    family: os.family,
    distro: os.distro,
    version: os.version,
    codename: os.codename,
    releaseDate: os.releaseDate,
    eolDate: os.eolDate,
    releaseStatus: os.releaseStatus,
    derivesFrom: os.derivesFrom,
    upgrades: os.upgrades,
    // A <resources> set describes one release as a whole, so it is taken from the nearest OS that has one.
    resources: chain.find((ancestor) => ancestor.resources.length > 0)?.resources ?? [],
    devices: resolveDevices(chain, catalogue),
    firmware: resolveFirmware(chain),
    media: os.media,
    trees: os.trees,
    installScripts: os.installScripts,
  };
}

/** Builds a database from already-parsed OS records (used by loadOsinfoDb and by tests). */
export function buildOsinfoDb(
  root: string,
  rawOses: RawOs[],
  catalogue: Map<string, { name: string; deviceClass: string }>,
  details: { loadMillis: number; skippedFiles: { file: string; reason: string }[] },
): OsinfoDb {
  const byId = new Map(rawOses.map((os) => [os.id, os]));
  const entries = rawOses.map((os) => resolveEntry(os, byId, catalogue));
  const index = new Map<string, OsEntry>();
  for (const entry of entries) {
    index.set(entry.id, entry);
    for (const shortId of entry.shortIds) if (!index.has(shortId)) index.set(shortId, entry);
  }
  return { root, entries, get: (key) => index.get(key), ...details };
}

/** Reads the whole tree synchronously; prefer the cached loadOsinfoDb. */
export function readOsinfoDb(root = DEFAULT_OSINFO_ROOT): OsinfoDb {
  const started = performance.now();
  const osDir = path.join(root, "os");
  if (!existsSync(osDir)) throw new Error(`osinfo-db not found: ${osDir} does not exist (install the osinfo-db package)`);
  const skippedFiles: { file: string; reason: string }[] = [];
  const rawOses = listVendorFiles(osDir, false).flatMap((file) => {
    try {
      return parseOsXml(readFileSync(file, "utf8"), file);
    } catch (error) {
      // One broken file must not hide the other several hundred OSes.
      skippedFiles.push({ file, reason: error instanceof Error ? error.message : String(error) });
      return [];
    }
  });
  const catalogue = loadDeviceCatalogue(root);
  return buildOsinfoDb(root, rawOses, catalogue, { loadMillis: performance.now() - started, skippedFiles });
}

const cache = new Map<string, OsinfoDb>();

/**
 * The osinfo database under `root`, read once per process and then served from memory
 * (about half a second for Debian's ~800 OS files).
 */
export async function loadOsinfoDb(root = DEFAULT_OSINFO_ROOT): Promise<OsinfoDb> {
  const key = path.resolve(root);
  let db = cache.get(key);
  if (!db) {
    db = readOsinfoDb(key);
    cache.set(key, db);
  }
  return db;
}

/** Forgets cached databases, e.g. after osinfo-db was upgraded on disk. */
export function clearOsinfoDbCache(): void {
  cache.clear();
}
