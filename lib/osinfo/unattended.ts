// Unattended installs the way libosinfo applies osinfo-db's install scripts: pick the OS's script for a
// profile and a way of reaching the installer, then describe the install as an <install-script-config>
// document (the script, the OS, the tree, the config params) for the script's XSLT to turn into the file.
import type { OsEntry } from "./types";
import { datamaps, installScripts, type InjectionMethod, type InstallScript } from "./install-scripts";

/** How the console hands the script over: appended to the initrd of a tree install, or on an extra CD-ROM. */
export type UnattendedRoute = "initrd" | "cdrom";

/** What the wizard needs to know of one usable script: its profile, the params it reads and which it needs. */
export type ScriptChoice = {
  profile: string;
  scriptId: string;
  /** The params the script reads, by osinfo name (admin-password, user-login, reg-product-key, …). */
  params: string[];
  required: string[];
  productKeyFormat?: string;
};

/**
 * The scripts an OS offers for a route, one per profile (the first the OS lists, as virt-install takes
 * it): a tree install needs initrd injection, an ISO install a script the installer reads from a CD-ROM.
 */
export function scriptChoices(os: OsEntry, route: UnattendedRoute, root?: string): ScriptChoice[] {
  const all = installScripts(root);
  const byProfile = new Map<string, InstallScript>();
  for (const id of os.installScripts) {
    const script = all.get(id);
    if (!script || !script.injectionMethods.includes(route) || byProfile.has(script.profile)) continue;
    // Windows' .cmd and .reg scripts only finish an install their unattend file started.
    if (!/\.(ks|cfg|xml)$/.test(script.expectedFilename)) continue;
    byProfile.set(script.profile, script);
  }
  return [...byProfile.values()].map((s) => ({
    profile: s.profile,
    scriptId: s.id,
    params: s.params.map((p) => p.name),
    required: s.params.filter((p) => p.policy === "required").map((p) => p.name),
    ...(s.productKeyFormat ? { productKeyFormat: s.productKeyFormat } : {}),
  }));
}

/** libosinfo's defaults for params nobody set. */
const DEFAULTS: Record<string, string> = { "l10n-language": "en_US", "l10n-timezone": "America/New_York", "l10n-keyboard": "us" };

const escapeXml = (value: string) =>
  value.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);
const element = (name: string, value: string) => `<${name}>${escapeXml(value)}</${name}>`;

export type InstallConfigInput = {
  script: InstallScript;
  os: OsEntry;
  /** Param values by osinfo name, before datamaps. */
  config: Record<string, string | undefined>;
  injection: InjectionMethod;
  /** "network" for a tree install (the script then names the tree), "media" for an ISO. */
  installationSource: "media" | "network";
  treeUrl?: string;
  /** The document element: "install-script-config" for the script, "command-line" for its kernel arguments. */
  rootName?: "install-script-config" | "command-line";
  root?: string;
};

/** The config params the script reads, with libosinfo's defaults and the script's datamaps applied. */
export function scriptConfig(script: InstallScript, config: Record<string, string | undefined>, root?: string): Record<string, string> {
  const maps = datamaps(root);
  const values: Record<string, string> = {};
  for (const param of script.params) {
    let value = config[param.name] ?? DEFAULTS[param.name];
    if (value === undefined || value === "") continue;
    if (param.valueMap) value = maps.get(param.valueMap)?.get(value) ?? (param.name === "l10n-keyboard" ? "us" : value);
    values[param.name] = value;
  }
  return values;
}

/** The document the script's XSLT runs on, as libosinfo builds it. */
export function installConfigXml(input: InstallConfigInput): string {
  const { script, os, injection, installationSource, treeUrl, rootName = "install-script-config" } = input;
  const config = scriptConfig(script, input.config, input.root);
  const osFields: [string, string][] = [
    ["id", os.id],
    ["short-id", os.shortId],
    ["name", os.name],
    ["version", os.version],
    ["vendor", os.vendor],
    ["family", os.family],
    ["distro", os.distro],
  ];
  return [
    `<?xml version="1.0"?>`,
    `<${rootName}>`,
    `<script>${[
      element("id", script.id),
      element("profile", script.profile),
      element("expected-filename", script.expectedFilename),
      element("path-format", script.pathFormat),
      element("preferred-injection-method", injection),
      element("installation-source", installationSource),
    ].join("")}</script>`,
    `<os id="${escapeXml(os.id)}">${osFields.map(([k, v]) => element(k, v)).join("")}</os>`,
    installationSource === "media" ? "<media/>" : "",
    treeUrl ? `<tree>${element("url", treeUrl)}</tree>` : "",
    `<config>${Object.entries(config)
      .map(([k, v]) => element(k, v))
      .join("")}</config>`,
    `</${rootName}>`,
  ].join("\n");
}
