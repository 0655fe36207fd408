import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Emitter } from "../../../lib/libvirt/codegen/emit";
import { functionToProcedure } from "../../../lib/libvirt/codegen/flags";
import { parse } from "../../../lib/libvirt/codegen/parser";
import { VirDomainShutdownFlagValues, procedureFlags } from "../../../lib/libvirt/generated/flags";
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
  const out = new Emitter([{ module: "demo", defs }]).emitModule({ module: "demo", defs });

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

  it("types flag arguments from libvirt-api.xml", () => {
    expect(functionToProcedure("virDomainGetXMLDesc")).toBe("DOMAIN_GET_XML_DESC");
    expect(functionToProcedure("virConnectListAllDomains")).toBe("CONNECT_LIST_ALL_DOMAINS");
    expect(procedureFlags.DOMAIN_SHUTDOWN_FLAGS).toBe(VirDomainShutdownFlagValues);
    expect(VirDomainShutdownFlagValues.VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN).toBe(1);
    expect(Object.keys(procedureFlags).length).toBeGreaterThan(100);
  });

  const cache = path.resolve(__dirname, "../../../.cache/libvirt-protocol/x/remote_protocol.x");
  // scripts/test.sh fetches the .x files first (scripts/libvirt/fetch-protocol.sh).
  it("committed generated/remote.ts matches a fresh generation from libvirt's .x files", () => {
    if (!existsSync(cache)) throw new Error("run scripts/libvirt/fetch-protocol.sh first: .x files not found in .cache/libvirt-protocol");
    const dir = path.dirname(cache);
    const modules = [
      ["virnetprotocol.x", "virnet"],
      ["virkeepaliveprotocol.x", "keepalive"],
      ["remote_protocol.x", "remote"],
      ["qemu_protocol.x", "qemu"],
    ].map(([file, module]) => ({ module, defs: parse(readFileSync(path.join(dir, file), "utf8")) }));
    const emitter = new Emitter(modules);
    const committed = readFileSync(path.resolve(__dirname, "../../../lib/libvirt/generated/remote.ts"), "utf8");
    expect(emitter.emitModule(modules[2]) === committed).toBe(true);
  });
});
