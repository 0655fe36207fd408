// Emits flag and enum constants grouped by C enum type from libvirt-api.xml
// (package libvirt-dev). Only names and numbers are taken, not the docs.
import { GENERATED_HEADER } from "./emit";

interface ApiEnum {
  name: string;
  value: number;
  type: string;
}

export function parseApiEnums(xml: string): ApiEnum[] {
  const out: ApiEnum[] = [];
  for (const m of xml.matchAll(/<enum\s+([^>]*?)\/?>/g)) {
    const attrs = Object.fromEntries([...m[1].matchAll(/(\w+)='([^']*)'/g)].map((a) => [a[1], a[2]]));
    if (!attrs.name || attrs.value === undefined || !attrs.type) continue;
    const value = Number(attrs.value);
    if (!Number.isFinite(value)) continue;
    out.push({ name: attrs.name, value, type: attrs.type });
  }
  return out;
}

/** C API function -> procedure name: virDomainGetXMLDesc -> DOMAIN_GET_XML_DESC. */
export function functionToProcedure(fn: string): string {
  return fn
    .replace(/^vir/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toUpperCase();
}

/** Procedures whose `flags` argument the API docs describe as "bitwise-OR of <EnumType>". */
export function parseFlagTypes(xml: string, enumTypes: Set<string>, procedures: Set<string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<function name='(vir\w+)'[\s\S]*?<\/function>/g)) {
    const flagsArg = /<arg name='flags'[^>]*info='([^']*)'/.exec(m[0]);
    const type = flagsArg && [...flagsArg[1].matchAll(/vir\w+/g)].map((t) => t[0]).find((t) => enumTypes.has(t));
    const proc = functionToProcedure(m[1]);
    if (type && procedures.has(proc)) out.set(proc, type);
  }
  return out;
}

export function emitFlags(enums: ApiEnum[], flagTypes: Map<string, string> = new Map()): string {
  const byType = new Map<string, ApiEnum[]>();
  for (const e of enums) {
    if (!byType.has(e.type)) byType.set(e.type, []);
    byType.get(e.type)!.push(e);
  }
  const blocks: string[] = [];
  for (const type of [...byType.keys()].sort()) {
    const members = byType.get(type)!.sort((a, b) => a.value - b.value || a.name.localeCompare(b.name));
    const exportName = type[0].toUpperCase() + type.slice(1);
    blocks.push(`export const ${exportName} = {\n${members.map((m) => `  ${m.name}: ${m.value},`).join("\n")}\n} as const;`);
  }
  const names = (type: string): string =>
    byType
      .get(type)!
      .filter((e) => !/_LAST$/.test(e.name))
      .map((e) => `  ${e.value}: ${JSON.stringify(e.name)},`)
      .join("\n");
  blocks.push(
    `/** virErrorNumber value -> name, e.g. 42 -> "VIR_ERR_NO_DOMAIN". */\nexport const errorCodeNames: Readonly<Record<number, string>> = {\n${names("virErrorNumber")}\n};`,
  );
  blocks.push(
    `/** virErrorDomain value -> name, e.g. 10 -> "VIR_FROM_QEMU". */\nexport const errorDomainNames: Readonly<Record<number, string>> = {\n${names("virErrorDomain")}\n};`,
  );
  const typed = [...flagTypes]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([proc, type]) => `  ${proc}: ${type[0].toUpperCase() + type.slice(1)},`);
  blocks.push(
    `/** Flag enum for each remote procedure's \`flags\` argument, where libvirt-api.xml names one. */\nexport const procedureFlags = {\n${typed.join("\n")}\n} as const;`,
  );
  return `${GENERATED_HEADER}/* eslint-disable */\n\n${blocks.join("\n\n")}\n`;
}
