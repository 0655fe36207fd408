// Entry point of `npm run gen:libvirt`: fetches the .x files (scripts/libvirt/fetch-protocol.sh)
// into .cache/, parses them and writes lib/libvirt/generated/*.ts.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Emitter, type ModuleInput } from "./emit";
import { emitFlags, parseApiEnums, parseFlagTypes } from "./flags";
import { parse } from "./parser";

const root = path.resolve(__dirname, "../../..");
const cache = process.env.LIBVIRT_PROTOCOL_CACHE ?? path.join(root, ".cache/libvirt-protocol");
const outDir = path.join(root, "lib/libvirt/generated");
const apiXml = process.env.LIBVIRT_API_XML ?? "/usr/share/libvirt/api/libvirt-api.xml";

const SOURCES: { file: string; module: string }[] = [
  { file: "virnetprotocol.x", module: "virnet" },
  { file: "virkeepaliveprotocol.x", module: "keepalive" },
  { file: "remote_protocol.x", module: "remote" },
  { file: "qemu_protocol.x", module: "qemu" },
];

function main(): void {
  execFileSync("bash", [path.join(root, "scripts/libvirt/fetch-protocol.sh")], {
    stdio: "inherit",
    env: { ...process.env, LIBVIRT_PROTOCOL_CACHE: cache },
  });
  const modules: ModuleInput[] = SOURCES.map(({ file, module }) => ({
    module,
    defs: parse(readFileSync(path.join(cache, "x", file), "utf8")),
  }));
  const emitter = new Emitter(modules);
  mkdirSync(outDir, { recursive: true });
  for (const m of modules) {
    writeFileSync(path.join(outDir, `${m.module}.ts`), emitter.emitModule(m));
    console.log(`wrote generated/${m.module}.ts (${m.defs.length} definitions)`);
  }
  if (existsSync(apiXml)) {
    const xml = readFileSync(apiXml, "utf8");
    const enums = parseApiEnums(xml);
    const remote = modules.find((m) => m.module === "remote")!;
    const procEnum = remote.defs.find((d) => d.kind === "enum" && d.name === "remote_procedure");
    const procNames = new Set(procEnum?.kind === "enum" ? procEnum.members.map((m) => m.name.replace(/^REMOTE_PROC_/, "")) : []);
    const flagTypes = parseFlagTypes(xml, new Set(enums.map((e) => e.type)), procNames);
    writeFileSync(path.join(outDir, "flags.ts"), emitFlags(enums, flagTypes));
    console.log("wrote generated/flags.ts");
  } else {
    console.warn(`${apiXml} not found (install libvirt-dev); generated/flags.ts left unchanged`);
  }
}

main();
