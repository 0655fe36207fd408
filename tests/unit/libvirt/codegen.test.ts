import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Emitter } from "../../../lib/libvirt/codegen/emit";
import {
  flagBrands,
  flagsFieldType,
  parseApiEnums,
  parseApiMacros,
  parseFlagDocs,
  procedureFlagTypes,
} from "../../../lib/libvirt/codegen/flags";
import { generate, SOURCES } from "../../../lib/libvirt/codegen/generate";
import { parse } from "../../../lib/libvirt/codegen/parser";
import { remoteFdPassingProcedures, remoteProcedureNames, remoteProcedures } from "../../../lib/libvirt/generated/remote";

const SAMPLE = `
%#include "skipped.h"
const DEMO_MAX = 16;
const DEMO_PROGRAM = 0x12345678;
const DEMO_PROTOCOL_VERSION = 1;
typedef string demo_nonnull_string<DEMO_MAX>;
typedef demo_nonnull_string *demo_string;
struct demo_thing { demo_nonnull_string name; opaque uuid[VIR_UUID_BUFLEN]; unsigned hyper size; char model[4]; demo_string note; int list<DEMO_MAX>; };
struct demo_get_thing_args { demo_nonnull_string name; };
struct demo_get_thing_ret { demo_thing thing; };
enum demo_procedure {
    /**
     * @generate: both
     * @priority: high
     */
    DEMO_PROC_GET_THING = 1,
    /**
     * @generate: none
     * @readstream: 1
     */
    DEMO_PROC_DOWNLOAD = 2,
    /** @generate: none */
    DEMO_PROC_CREATE_WITH_FILES = 3
};
`;

describe("codegen", () => {
  const defs = parse(SAMPLE);
  const out = new Emitter([{ module: "demo", defs }], {
    constants: { VIR_UUID_BUFLEN: 16 },
    fieldTypes: new Map([["demo_get_thing_args.name", "DemoName"]]),
  }).emitModule({ module: "demo", defs });

  it("parses RPCL and keeps procedure annotations", () => {
    const procEnum = defs.find((d) => d.kind === "enum");
    expect(procEnum).toMatchObject({
      members: [{ annotations: { generate: "both", priority: "high" } }, { annotations: { readstream: "1" } }, {}],
    });
  });

  it("emits types with bigint hyper, Buffer opaque, nullable optionals and 4-byte chars", () => {
    expect(out).toContain("DO NOT EDIT");
    expect(out).toContain("npm run gen:libvirt");
    expect(out).toMatch(
      /export interface DemoThing \{\n {2}name: DemoNonnullString;\n {2}uuid: Buffer;\n {2}size: bigint;\n {2}model: number\[\];\n {2}note: DemoString;\n {2}list: number\[\];/,
    );
    expect(out).toContain("export type DemoString = DemoNonnullString | null;");
    expect(out).toContain("r.fixedOpaque(16)");
    expect(out).toContain("readArray(4, () => r.int())");
    expect(out).toContain("r.string(16)");
  });

  it("links procedures to args/ret, marks streams and priority, and refuses fd passing", () => {
    expect(out).toContain("GET_THING: defineProcedure<DemoGetThingArgs, DemoGetThingRet, void>");
    expect(out).toMatch(/DOWNLOAD: defineProcedure<void, void, void>\(\{[^}]*stream: "read", priority: "low"/);
    expect(out).not.toMatch(/CREATE_WITH_FILES: defineProcedure/);
    expect(out).toContain("CREATE_WITH_FILES: 3,");
  });

  it("the committed table covers all 443 libvirt 9.0 procedures", () => {
    expect(Object.keys(remoteProcedureNames)).toHaveLength(443);
    expect(Object.keys(remoteProcedures).length + Object.keys(remoteFdPassingProcedures).length).toBe(443);
    expect(remoteProcedures.DOMAIN_OPEN_CONSOLE.stream).toBe("read");
    expect(remoteProcedures.STORAGE_VOL_UPLOAD.stream).toBe("write");
    expect(remoteProcedures.CONNECT_GET_VERSION.priority).toBe("high");
    expect(Object.keys(remoteFdPassingProcedures).sort()).toEqual([
      "DOMAIN_CREATE_WITH_FILES",
      "DOMAIN_CREATE_XML_WITH_FILES",
      "DOMAIN_OPEN_GRAPHICS",
      "DOMAIN_OPEN_GRAPHICS_FD",
    ]);
  });

  it("types a field as told, with a cast in its decoder", () => {
    expect(out).toMatch(/export interface DemoGetThingArgs \{\n {2}name: DemoName;\n\}/);
    expect(out).toContain("name: decodeDemoNonnullString(r) as DemoName,");
  });
});

const API = `
<api>
  <enum name='VIR_DEMO_XML_SECURE' file='d' value='1' type='virDemoXMLFlags'/>
  <enum name='VIR_DEMO_XML_INACTIVE' file='d' value='2' type='virDemoXMLFlags'/>
  <enum name='VIR_DEMO_AFFECT_LIVE' file='d' value='1' type='virDemoModificationImpact'/>
  <enum name='VIR_DEMO_DEVICE_LIVE' file='d' value='VIR_DEMO_AFFECT_LIVE' type='virDemoDeviceFlags'/>
  <enum name='VIR_DEMO_RUNNING' file='d' value='1' type='virDemoState'/>
  <enum name='VIR_DEMO_LAST' file='d' value='2' type='virDemoState'/>
  <enum name='VIR_DEMO_ADD_LAST' file='d' value='1' type='virDemoCommand'/>
  <enum name='VIR_DEMO_ADD_FIRST' file='d' value='2' type='virDemoCommand'/>
  <macro name='VIR_DEMO_BUFLEN' file='d' raw='(256 + 1)'/>
  <function name='virDemoGetXMLDesc' file='d'><arg name='flags' type='unsigned int' info='bitwise-OR of virDemoXMLFlags'/></function>
  <function name='virDemoFSTrim' file='d'><arg name='flags' type='unsigned int' info='extra flags; not used yet, so callers should always pass 0'/></function>
  <function name='virDemoAttach' file='d'><arg name='flags' type='unsigned int' info='bitwise-OR of virDemoDeviceFlags'/></function>
  <function name='virDemoMystery' file='d'><arg name='flags' type='unsigned int' info='some flags'/></function>
</api>`;

describe("flag types from libvirt's API description", () => {
  const enums = parseApiEnums(API);
  const types = new Set(enums.map((e) => e.type));
  const docs = parseFlagDocs(API, "remote");

  it("resolves constants defined as another, remembers the enum they alias and drops count sentinels", () => {
    expect(enums.find((e) => e.name === "VIR_DEMO_DEVICE_LIVE")).toEqual({
      name: "VIR_DEMO_DEVICE_LIVE",
      value: 1,
      type: "virDemoDeviceFlags",
      aliasOf: "virDemoModificationImpact",
    });
    expect(enums.map((e) => e.name)).not.toContain("VIR_DEMO_LAST");
    expect(enums.map((e) => e.name)).toContain("VIR_DEMO_ADD_LAST");
    expect(parseApiMacros(API)).toEqual({ VIR_DEMO_BUFLEN: 257 });
  });

  it("ties each procedure to the enum its function's doc names, or to no flags, and refuses one it cannot tell", () => {
    const flags = procedureFlagTypes(["DEMO_GET_XML_DESC", "DEMO_FSTRIM", "DEMO_ATTACH"], docs, types);
    expect(Object.fromEntries(flags)).toEqual({
      DEMO_GET_XML_DESC: ["virDemoXMLFlags"],
      DEMO_FSTRIM: "unused",
      DEMO_ATTACH: ["virDemoDeviceFlags"],
    });
    const brands = flagBrands(enums, ["virDemoXMLFlags", "virDemoDeviceFlags"]);
    expect(flagsFieldType(flags.get("DEMO_ATTACH")!, brands)).toBe('Flags<"virDemoDeviceFlags" | "virDemoModificationImpact">');
    expect(flagsFieldType("unused", brands)).toBe("0");
    expect(() => procedureFlagTypes(["DEMO_MYSTERY"], docs, types)).toThrow(/DEMO_MYSTERY \("some flags"\)/);
  });
});

describe("committed generated code", () => {
  const root = path.resolve(__dirname, "../../..");
  const cache = path.join(root, ".cache/libvirt-protocol/x");
  const api = { libvirt: "/usr/share/libvirt/api/libvirt-api.xml", qemu: "/usr/share/libvirt/api/libvirt-qemu-api.xml" };

  // scripts/test.sh fetches the .x files first (scripts/libvirt/fetch-protocol.sh); libvirt-dev has the API files.
  it("matches a fresh generation from libvirt's .x files and API description", () => {
    if (!existsSync(path.join(cache, "remote_protocol.x")))
      throw new Error("run scripts/libvirt/fetch-protocol.sh first: .x files not found in .cache/libvirt-protocol");
    if (!existsSync(api.libvirt)) throw new Error(`${api.libvirt} not found: install libvirt-dev`);
    const files = generate({
      protocol: Object.fromEntries(SOURCES.map(({ file }) => [file, readFileSync(path.join(cache, file), "utf8")])),
      api: { libvirt: readFileSync(api.libvirt, "utf8"), qemu: readFileSync(api.qemu, "utf8") },
    });
    const stale = [...files].filter(([name, text]) => readFileSync(path.join(root, "lib/libvirt/generated", name), "utf8") !== text);
    expect(
      stale.map(([name]) => name),
      "regenerate with npm run gen:libvirt",
    ).toEqual([]);
  });
});
