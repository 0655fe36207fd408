import { DOMParser, type Element } from "@xmldom/xmldom";

import type { ArchResources, FirmwareRule, IsoRule, MediaRule, OsFacts, ResourceLimits, TreeinfoRule } from "./types";

/** What one `<os>` element says about itself, before derives-from is resolved. */
export interface RawOs extends OsFacts {
  resources: ArchResources[];
  /** Device ids with their supported flag; supported=false removes an inherited device. */
  deviceLinks: { id: string; supported: boolean }[];
  firmware: FirmwareRule[];
}

export class OsinfoParseError extends Error {
  constructor(
    readonly source: string,
    message: string,
  ) {
    super(`${source}: ${message}`);
    this.name = "OsinfoParseError";
  }
}

// Parts lib/osinfo never reads make up most of each file: translated <name>/<vendor>, comments,
// boot details and the whitespace between tags. <installer> stays: it links install scripts (small). Dropping them with a text pass before
// the DOM parse cuts the tree from 2.9 MB to about 0.85 MB and the load time roughly by half.
const UNREAD_TEXT = [
  /<(name|vendor)\s+xml:lang="[^"]*">[^<]*<\/\1>/g,
  /<!--[\s\S]*?-->/g,
  /<(l10n-language|kernel|initrd|url)(?=[\s/>])[^>]*?(?:\/>|>[\s\S]*?<\/\1>)/g,
  />\s+</g,
];

function dropUnreadText(xmlText: string): string {
  return UNREAD_TEXT.reduce((text, pattern) => text.replace(pattern, (match) => (match.startsWith(">") ? "><" : "")), xmlText);
}

function childElements(parent: Element, tagName: string): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === node.ELEMENT_NODE && (node as Element).localName === tagName) found.push(node as Element);
  }
  return found;
}

/** Text of the first untranslated child element, trimmed; "" when absent. */
function childText(parent: Element, tagName: string): string {
  const element = childElements(parent, tagName).find((child) => !child.hasAttribute("xml:lang"));
  return element?.textContent?.trim() ?? "";
}

function optionalText(parent: Element, tagName: string): string | undefined {
  return childText(parent, tagName) || undefined;
}

function optionalNumber(parent: Element, tagName: string): number | undefined {
  const text = childText(parent, tagName);
  if (!text) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

function isFalse(element: Element, attribute: string): boolean {
  return element.getAttribute(attribute) === "false";
}

function archOf(element: Element): string {
  return element.getAttribute("arch") || "all";
}

function variantIds(element: Element): string[] {
  return childElements(element, "variant")
    .map((variant) => variant.getAttribute("id") ?? "")
    .filter(Boolean);
}

/** Drops undefined fields so results compare and print cleanly. */
function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}

function readLimits(parent: Element, tagName: string): ResourceLimits {
  const block = childElements(parent, tagName)[0];
  if (!block) return {};
  return compact<ResourceLimits>({
    cpuHz: optionalNumber(block, "cpu"),
    nCpus: optionalNumber(block, "n-cpus"),
    ramBytes: optionalNumber(block, "ram"),
    storageBytes: optionalNumber(block, "storage"),
  });
}

function readResources(os: Element): ArchResources[] {
  return childElements(os, "resources").map((block) => ({
    arch: archOf(block),
    minimum: readLimits(block, "minimum"),
    recommended: readLimits(block, "recommended"),
    maximum: readLimits(block, "maximum"),
    networkInstall: readLimits(block, "network-install"),
  }));
}

function readIsoRule(iso: Element): IsoRule {
  return compact<IsoRule>({
    volumeId: optionalText(iso, "volume-id"),
    systemId: optionalText(iso, "system-id"),
    publisherId: optionalText(iso, "publisher-id"),
    applicationId: optionalText(iso, "application-id"),
    volumeSizeBytes: optionalNumber(iso, "volume-size"),
  });
}

function readMedia(os: Element): MediaRule[] {
  return childElements(os, "media").flatMap((media) => {
    const iso = childElements(media, "iso")[0];
    if (!iso) return [];
    return [{ arch: archOf(media), variants: variantIds(media), live: media.getAttribute("live") === "true", iso: readIsoRule(iso) }];
  });
}

function readTrees(os: Element): TreeinfoRule[] {
  return childElements(os, "tree").flatMap((tree) => {
    const treeinfo = childElements(tree, "treeinfo")[0];
    if (!treeinfo) return [];
    const rule = compact<TreeinfoRule>({
      treeArch: archOf(tree),
      variants: variantIds(tree),
      family: optionalText(treeinfo, "family"),
      version: optionalText(treeinfo, "version"),
      arch: optionalText(treeinfo, "arch"),
      variant: optionalText(treeinfo, "variant"),
    });
    return [rule];
  });
}

/**
 * The install scripts an OS links: its own `<installer>` and its media's (media marked
 * installer-script="false" cannot run one), in file order without repeats.
 */
function readInstallScripts(os: Element): string[] {
  const blocks = [
    ...childElements(os, "installer"),
    ...childElements(os, "media")
      .filter((media) => !isFalse(media, "installer-script"))
      .flatMap((media) => childElements(media, "installer")),
  ];
  const ids = blocks.flatMap((block) => childElements(block, "script").map((script) => script.getAttribute("id") ?? ""));
  return [...new Set(ids.filter(Boolean))];
}

function readOs(os: Element, source: string): RawOs {
  const id = os.getAttribute("id");
  if (!id) throw new OsinfoParseError(source, "<os> without an id attribute");
  const shortIds = childElements(os, "short-id")
    .map((element) => element.textContent?.trim() ?? "")
    .filter(Boolean);
  const relation = (tagName: string) => childElements(os, tagName)[0]?.getAttribute("id") || undefined;
  const devices = childElements(os, "devices").flatMap((block) => childElements(block, "device"));
  return {
    id,
    shortIds,
    name: childText(os, "name"),
    vendor: childText(os, "vendor"),
    family: childText(os, "family"),
    distro: childText(os, "distro"),
    version: childText(os, "version"),
    codename: childText(os, "codename"),
    releaseDate: childText(os, "release-date"),
    eolDate: childText(os, "eol-date"),
    releaseStatus: childText(os, "release-status") || "released",
    derivesFrom: relation("derives-from"),
    upgrades: relation("upgrades"),
    resources: readResources(os),
    deviceLinks: devices.map((device) => ({ id: device.getAttribute("id") ?? "", supported: !isFalse(device, "supported") })),
    firmware: childElements(os, "firmware").map((firmware) => ({
      arch: archOf(firmware),
      type: firmware.getAttribute("type") ?? "",
      supported: !isFalse(firmware, "supported"),
    })),
    media: readMedia(os),
    trees: readTrees(os),
    installScripts: readInstallScripts(os),
  };
}

function parseDocument(xmlText: string, source: string): Element {
  const errors: string[] = [];
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level !== "warning") errors.push(message);
    },
  });
  let root: Element | null;
  try {
    root = parser.parseFromString(dropUnreadText(xmlText), "text/xml").documentElement;
  } catch (error) {
    throw new OsinfoParseError(source, error instanceof Error ? error.message : String(error));
  }
  if (errors.length > 0) throw new OsinfoParseError(source, errors[0]);
  if (!root || root.localName !== "libosinfo") throw new OsinfoParseError(source, "root element is not <libosinfo>");
  return root;
}

/** Every `<os>` in one osinfo-db file. Throws OsinfoParseError on malformed XML. */
export function parseOsXml(xmlText: string, source = "<string>"): RawOs[] {
  return childElements(parseDocument(xmlText, source), "os").map((os) => readOs(os, source));
}

/** Every `<device>` in one osinfo-db device file: id → name and class. */
export function parseDeviceXml(xmlText: string, source = "<string>"): { id: string; name: string; deviceClass: string }[] {
  return childElements(parseDocument(xmlText, source), "device").map((device) => ({
    id: device.getAttribute("id") ?? "",
    name: childText(device, "name"),
    deviceClass: childText(device, "class"),
  }));
}
