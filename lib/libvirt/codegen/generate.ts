// The whole generation as one pure function of its inputs, so `npm run gen:libvirt` (main.ts) and the
// unit test that checks the committed files (tests/unit/libvirt/codegen.test.ts) run the same code.
import { Emitter, type ModuleInput } from "./emit";
import { emitFlags, flagBrands, flagsFieldType, parseApiEnums, parseApiMacros, parseFlagDocs, procedureFlagTypes } from "./flags";
import { parse, type Definition } from "./parser";

export interface GeneratorInput {
  /** Contents of libvirt's .x files by file name (virnetprotocol.x, remote_protocol.x, ...). */
  protocol: Record<string, string>;
  /** Contents of /usr/share/libvirt/api/libvirt-api.xml and libvirt-qemu-api.xml. */
  api: { libvirt: string; qemu: string };
}

/** .x file -> generated module; the programs among them get typed flags. */
export const SOURCES: { file: string; module: string; program?: "remote" | "qemu" }[] = [
  { file: "virnetprotocol.x", module: "virnet" },
  { file: "virkeepaliveprotocol.x", module: "keepalive" },
  { file: "remote_protocol.x", module: "remote", program: "remote" },
  { file: "qemu_protocol.x", module: "qemu", program: "qemu" },
];

/** Procedures of a program whose args have an `unsigned int flags` field, by short name (DOMAIN_GET_XML_DESC).
 * (The first migration procedures pass `unsigned hyper flags`; they stay bigint.) */
function proceduresWithFlags(program: string, defs: Definition[]): string[] {
  const procEnum = defs.find((d) => d.kind === "enum" && d.name === `${program}_procedure`);
  if (procEnum?.kind !== "enum") throw new Error(`${program}_procedure not found`);
  const withFlags = new Set(
    defs
      .filter(
        (d) =>
          d.kind === "struct" &&
          d.fields.some((f) => f.name === "flags" && f.shape === "scalar" && f.type.kind === "prim" && f.type.name === "uint"),
      )
      .map((d) => (d.kind === "struct" ? d.name : "")),
  );
  return procEnum.members
    .map((m) => m.name.replace(`${program.toUpperCase()}_PROC_`, ""))
    .filter((p) => withFlags.has(`${program}_${p.toLowerCase()}_args`));
}

/** Generated file name (in lib/libvirt/generated/) -> contents. */
export function generate(input: GeneratorInput): Map<string, string> {
  const modules: (ModuleInput & { program?: "remote" | "qemu" })[] = SOURCES.map(({ file, module, program }) => {
    const text = input.protocol[file];
    if (text === undefined) throw new Error(`${file} missing`);
    return { module, program, defs: parse(text) };
  });
  const enums = parseApiEnums(input.api.libvirt, input.api.qemu);
  const enumTypes = new Set(enums.map((e) => e.type));
  const perProgram = modules
    .filter((m) => m.program)
    .map((m) => {
      const docs = parseFlagDocs(m.program === "qemu" ? input.api.qemu : input.api.libvirt, m.program!);
      return { program: m.program!, flags: procedureFlagTypes(proceduresWithFlags(m.program!, m.defs), docs, enumTypes) };
    });
  const flagTypes = new Set(perProgram.flatMap((p) => [...p.flags.values()].flatMap((f) => (f === "unused" ? [] : f))));
  const brands = flagBrands(enums, flagTypes);
  const fieldTypes = new Map<string, string>();
  for (const { program, flags } of perProgram) {
    for (const [proc, f] of flags) fieldTypes.set(`${program}_${proc.toLowerCase()}_args.flags`, flagsFieldType(f, brands));
  }
  const constants = { ...parseApiMacros(input.api.libvirt), ...Object.fromEntries(enums.map((e) => [e.name, e.value])) };
  const emitter = new Emitter(modules, { constants, fieldTypes });
  const out = new Map<string, string>();
  for (const m of modules) out.set(`${m.module}.ts`, emitter.emitModule(m));
  out.set("flags.ts", emitFlags(enums, brands));
  return out;
}
