import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { DOMParser, XMLSerializer, type Element } from "@xmldom/xmldom";

import { DEFAULT_OSINFO_ROOT } from "./database";

/** Where osinfo-db's install scripts say the installer can find them. */
export type InjectionMethod = "cdrom" | "disk" | "floppy" | "initrd" | "web";

/** One `<param>` of a script's `<config>`: "required" ones must be given for the script to work. */
export interface ScriptParam {
  name: string;
  policy: "required" | "optional";
  /** A datamap id (datamap/<vendor>/*.xml) that turns the console's value into the script's. */
  valueMap?: string;
}

/** One install-script/<vendor>/*.xml: what it needs and how it reaches the installer; the XSLT stays as text. */
export interface InstallScript {
  id: string;
  /** "jeos" (a minimal server) or "desktop". */
  profile: string;
  expectedFilename: string;
  /** "dos" for Windows scripts (paths like D:\), "unix" otherwise. */
  pathFormat: "unix" | "dos";
  /** e.g. "$$$$$-$$$$$-$$$$$-$$$$$-$$$$$" when the script needs a product key. */
  productKeyFormat?: string;
  params: ScriptParam[];
  injectionMethods: InjectionMethod[];
  /** The XSLT also renders the installer's kernel command line (a template matching /command-line). */
  hasCommandLine: boolean;
  /** The `<xsl:stylesheet>` as a document of its own, for xsltproc. */
  stylesheet: string;
}

function children(parent: Element, name: string): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling)
    if (node.nodeType === node.ELEMENT_NODE && (node as Element).localName === name) found.push(node as Element);
  return found;
}

const text = (parent: Element, name: string) => children(parent, name)[0]?.textContent?.trim() ?? "";

/** Every `<install-script>` in one osinfo-db file. */
export function parseInstallScriptXml(xmlText: string, source = "<string>"): InstallScript[] {
  return children(parseDocument(xmlText, source), "install-script").flatMap((script) => {
    const sheet = children(children(script, "template")[0] ?? script, "stylesheet")[0];
    if (!sheet) return []; // a script whose template lives elsewhere (template-uri): not used by osinfo-db today
    const stylesheet = new XMLSerializer().serializeToString(sheet);
    const config = children(script, "config")[0];
    // A param listed twice (debian desktop lists user-password optional, then required) counts as required.
    const params = new Map<string, ScriptParam>();
    for (const param of config ? children(config, "param") : []) {
      const name = param.getAttribute("name") ?? "";
      if (!name || params.get(name)?.policy === "required") continue;
      const policy = param.getAttribute("policy") === "required" ? "required" : "optional";
      params.set(name, { name, policy, ...(param.getAttribute("value-map") ? { valueMap: param.getAttribute("value-map")! } : {}) });
    }
    return [
      {
        id: script.getAttribute("id") ?? "",
        profile: text(script, "profile"),
        expectedFilename: text(script, "expected-filename"),
        pathFormat: text(script, "path-format") === "dos" ? "dos" : "unix",
        productKeyFormat: text(script, "product-key-format") || undefined,
        params: [...params.values()],
        injectionMethods: children(script, "injection-method").map((m) => m.textContent?.trim() as InjectionMethod),
        hasCommandLine: /match="\/command-line"/.test(stylesheet),
        stylesheet: `<?xml version="1.0"?>\n${stylesheet}`,
      },
    ];
  });
}

function parseDocument(xmlText: string, source: string): Element {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, msg) => void (level !== "warning" && errors.push(msg)) }).parseFromString(
    xmlText,
    "text/xml",
  );
  if (errors.length || !doc.documentElement) throw new Error(`${source}: ${errors[0] ?? "no document"}`);
  return doc.documentElement;
}

/** The `.xml` files below each vendor folder of `<root>/<kind>`. */
function vendorFiles(root: string, kind: string): string[] {
  const dir = path.join(root, kind);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((vendor) =>
      readdirSync(path.join(dir, vendor.name))
        .filter((f) => f.endsWith(".xml"))
        .sort()
        .map((f) => path.join(dir, vendor.name, f)),
    );
}

const cache = new Map<string, Map<string, InstallScript>>();
const mapCache = new Map<string, Map<string, Map<string, string>>>();

/** osinfo-db's datamaps by id: value in → value out (e.g. en_US → EN-US for Windows, en_US → us for X11 keyboards). */
export function datamaps(root = DEFAULT_OSINFO_ROOT): Map<string, Map<string, string>> {
  let maps = mapCache.get(root);
  if (maps) return maps;
  maps = new Map();
  for (const file of vendorFiles(root, "datamap"))
    for (const map of children(parseDocument(readFileSync(file, "utf8"), file), "datamap"))
      maps.set(
        map.getAttribute("id") ?? "",
        new Map(children(map, "entry").map((e) => [e.getAttribute("inval") ?? "", e.getAttribute("outval") ?? ""])),
      );
  mapCache.set(root, maps);
  return maps;
}

/** osinfo-db's install scripts by id, read once per process. */
export function installScripts(root = DEFAULT_OSINFO_ROOT): Map<string, InstallScript> {
  let scripts = cache.get(root);
  if (scripts) return scripts;
  scripts = new Map();
  for (const file of vendorFiles(root, "install-script"))
    for (const script of parseInstallScriptXml(readFileSync(file, "utf8"), file)) scripts.set(script.id, script);
  cache.set(root, scripts);
  return scripts;
}

/**
 * Whether a product key has the script's format, as libosinfo reads it: `$` a letter or digit,
 * `%` a digit, `@` a letter, anything else itself.
 */
export function productKeyMatches(format: string, key: string): boolean {
  if (key.length !== format.length) return false;
  return [...format].every((f, i) => {
    const c = key[i];
    if (f === "$") return /[A-Za-z0-9]/.test(c);
    if (f === "%") return /[0-9]/.test(c);
    if (f === "@") return /[A-Za-z]/.test(c);
    return c === f;
  });
}
