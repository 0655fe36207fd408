// Reads libvirt-api.xml and libvirt-qemu-api.xml (package libvirt-dev; apibuild.py writes them from the
// public headers and the doc comments of libvirt's C functions) for three things: the enum constants,
// the macros the .x files use, and which enum each function's `flags` argument takes, from the
// function's doc: "@flags: bitwise-OR of virDomainXMLFlags". Only names, numbers and those type names
// are taken, not the docs.
import { GENERATED_HEADER } from "./emit";

export interface ApiEnum {
  name: string;
  value: number;
  /** C enum type, e.g. "virDomainXMLFlags". */
  type: string;
  /** The enum type of the constant this one is defined as, when that is another enum's member
   * (VIR_DOMAIN_DEVICE_MODIFY_LIVE = VIR_DOMAIN_AFFECT_LIVE). */
  aliasOf?: string;
}

function attributes(tag: string): Record<string, string> {
  return Object.fromEntries([...tag.matchAll(/(\w+)='([^']*)'/g)].map((a) => [a[1], a[2]]));
}

/** Every enum constant of the given API files, with values defined as another constant resolved. */
export function parseApiEnums(...xmls: string[]): ApiEnum[] {
  const raw = xmls.flatMap((xml) =>
    [...xml.matchAll(/<enum\s+([^>]*?)\/?>/g)].map((m) => attributes(m[1])).filter((a) => a.name && a.value !== undefined && a.type),
  );
  const byName = new Map(raw.map((a) => [a.name, a]));
  const resolve = (value: string, depth = 0): { value: number; type?: string } | null => {
    if (/^-?(0x[0-9a-f]+|\d+)$/i.test(value)) return { value: Number(value) };
    const target = byName.get(value);
    if (!target || depth > 8) return null;
    const resolved = resolve(target.value, depth + 1);
    return resolved && { value: resolved.value, type: target.type };
  };
  const out: ApiEnum[] = [];
  for (const a of raw) {
    const resolved = resolve(a.value);
    if (!resolved) throw new Error(`libvirt API: cannot resolve ${a.name} = ${a.value}`);
    const aliasOf = resolved.type && resolved.type !== a.type ? resolved.type : undefined;
    out.push({ name: a.name, value: resolved.value, type: a.type, ...(aliasOf ? { aliasOf } : {}) });
  }
  // The headers guard the count sentinels (VIR_DOMAIN_LAST ...) with VIR_ENUM_SENTINELS: they are no
  // value a caller may use, and they grow with every libvirt. A real member may end in _LAST too
  // (VIR_NETWORK_UPDATE_COMMAND_ADD_LAST), but never one above all the others.
  const sentinel = (e: ApiEnum) => /_LAST$/.test(e.name) && out.every((o) => o.type !== e.type || o.value <= e.value);
  return out.filter((e) => !sentinel(e));
}

/** Macros whose value is a sum of integers, e.g. VIR_UUID_BUFLEN "(16)", VIR_SECURITY_MODEL_BUFLEN "(256 + 1)". */
export function parseApiMacros(xml: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of xml.matchAll(/<macro\s+([^>]*?)\/?>/g)) {
    const { name, raw } = attributes(m[1]);
    const sum = raw && /^\(\s*\d+(\s*\+\s*\d+)*\s*\)$/.exec(raw);
    if (name && sum) out[name] = sum[0].match(/\d+/g)!.reduce((total, n) => total + Number(n), 0);
  }
  return out;
}

/** Procedure names and C function names compare without underscores: DOMAIN_FSTRIM ~ virDomainFSTrim. */
const procedureKey = (name: string): string => name.replace(/_/g, "").toUpperCase();

/** C function -> procedure name: virDomainGetXMLDesc -> DOMAIN_GET_XML_DESC (for messages; matching uses procedureKey). */
export function functionToProcedure(fn: string): string {
  return fn
    .replace(/^vir/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toUpperCase();
}

/**
 * The doc of each function's `flags` argument, keyed like procedures. `program` strips the part of the
 * C name the program implies: libvirt-qemu's virDomainQemuMonitorCommand is the qemu program's DOMAIN_MONITOR_COMMAND.
 */
export function parseFlagDocs(xml: string, program: "remote" | "qemu"): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<function name='vir(\w+)'[\s\S]*?<\/function>/g)) {
    const doc = /<arg name='flags'[^>]*info='([^']*)'/.exec(m[0]);
    if (!doc) continue;
    const name = program === "qemu" ? m[1].replace("Qemu", "") : m[1];
    out.set(procedureKey(name), doc[1]);
  }
  return out;
}

/** What a procedure's `flags` may hold: bits of these C enums, or nothing at all. */
export type FlagsOf = string[] | "unused";

/**
 * Procedures the docs do not tie to an enum by name. Each line says why; `npm run gen:libvirt` fails
 * on any other procedure with flags it cannot type, so a new libvirt version cannot slip one through.
 */
const FLAG_OVERRIDES: { procedure: RegExp; flags: FlagsOf }[] = [
  // Its C function is virConnectOpenAuth.
  { procedure: /^CONNECT_OPEN$/, flags: ["virConnectFlags"] },
  // Its doc lists VIR_INTERFACE_XML_INACTIVE instead of naming the enum.
  { procedure: /^INTERFACE_GET_XML_DESC$/, flags: ["virInterfaceXMLFlags"] },
  // The steps inside virDomainMigrate*; they have no C function of their own and carry its flags.
  { procedure: /^DOMAIN_MIGRATE_(BEGIN|PREPARE|PERFORM|FINISH|CONFIRM)/, flags: ["virDomainMigrateFlags"] },
  // virDomainQemuAgentCommand documents "execution flags" but defines none.
  { procedure: /^DOMAIN_AGENT_COMMAND$/, flags: "unused" },
];

const UNUSED = /not used|unused|pass 0|pass zero|use 0|set to 0/i;

/** The flags of each procedure in `procedures` (those whose args have a `flags` field). */
export function procedureFlagTypes(procedures: string[], docs: Map<string, string>, enumTypes: Set<string>): Map<string, FlagsOf> {
  const out = new Map<string, FlagsOf>();
  const unknown: string[] = [];
  for (const proc of procedures) {
    const override = FLAG_OVERRIDES.find((o) => o.procedure.test(proc));
    const doc = docs.get(procedureKey(proc)) ?? "";
    const named = [...doc.matchAll(/vir\w+/g)].map((t) => t[0]).filter((t) => enumTypes.has(t));
    const flags: FlagsOf | null = override ? override.flags : named.length ? [...new Set(named)] : UNUSED.test(doc) ? "unused" : null;
    if (!flags) unknown.push(`${proc} ("${doc}")`);
    else out.set(proc, flags);
  }
  if (unknown.length)
    throw new Error(`cannot tell which enum the flags of these procedures take; add them to FLAG_OVERRIDES:\n  ${unknown.join("\n  ")}`);
  for (const [proc, flags] of out) {
    const missing = flags === "unused" ? [] : flags.filter((t) => !enumTypes.has(t));
    if (missing.length) throw new Error(`${proc}: unknown enum ${missing.join(", ")}`);
  }
  return out;
}

/** Brands a flag enum's bits carry and its sets accept: its own type and the types its members alias. */
export function flagBrands(enums: ApiEnum[], flagTypes: Iterable<string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const type of flagTypes) {
    const aliased = enums.filter((e) => e.type === type && e.aliasOf).map((e) => e.aliasOf!);
    out.set(type, [...new Set([type, ...aliased.sort()])]);
  }
  return out;
}

/** The TypeScript type of a `flags` field: `0` when unused, else `Flags<"virX" | ...>`. */
export function flagsFieldType(flags: FlagsOf, brands: Map<string, string[]>): string {
  if (flags === "unused") return "0";
  const all = [...new Set(flags.flatMap((t) => brands.get(t)!))].sort();
  return `Flags<${all.map((t) => JSON.stringify(t)).join(" | ")}>`;
}

const exportName = (type: string): string => type[0].toUpperCase() + type.slice(1);

/**
 * generated/flags.ts: every enum as a const object. Flag enums (those some procedure's flags take)
 * brand their members and export `type VirX = Flags<...>`; the others export the union of their values.
 */
export function emitFlags(enums: ApiEnum[], brands: Map<string, string[]>): string {
  const byType = new Map<string, ApiEnum[]>();
  for (const e of enums) {
    if (!byType.has(e.type)) byType.set(e.type, []);
    byType.get(e.type)!.push(e);
  }
  const blocks: string[] = [];
  for (const type of [...byType.keys()].sort()) {
    const members = byType.get(type)!.sort((a, b) => a.value - b.value || a.name.localeCompare(b.name));
    const name = exportName(type);
    const flagBrands = brands.get(type);
    const value = (m: ApiEnum): string => (flagBrands ? `${m.value} as FlagBit<${JSON.stringify(type)}, ${m.value}>` : `${m.value}`);
    blocks.push(
      `export const ${name} = {\n${members.map((m) => `  ${m.name}: ${value(m)},`).join("\n")}\n} as const;\n` +
        (flagBrands
          ? `export type ${name} = Flags<${flagBrands.map((b) => JSON.stringify(b)).join(" | ")}>;`
          : `export type ${name} = (typeof ${name})[keyof typeof ${name}];`),
    );
  }
  const names = (type: string): string =>
    byType
      .get(type)!
      .map((e) => `  ${e.value}: ${JSON.stringify(e.name)},`)
      .join("\n");
  blocks.push(
    `/** virErrorNumber value -> name, e.g. 42 -> "VIR_ERR_NO_DOMAIN". */\nexport const errorCodeNames: Readonly<Record<number, string>> = {\n${names("virErrorNumber")}\n};`,
  );
  blocks.push(
    `/** virErrorDomain value -> name, e.g. 10 -> "VIR_FROM_QEMU". */\nexport const errorDomainNames: Readonly<Record<number, string>> = {\n${names("virErrorDomain")}\n};`,
  );
  return `${GENERATED_HEADER}/* eslint-disable */\nimport type { FlagBit, Flags } from "../flag-set";\n\n${blocks.join("\n\n")}\n`;
}
