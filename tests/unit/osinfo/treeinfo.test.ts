import { describe, expect, it } from "vitest";

import { TreeinfoParseError, detectFromTreeinfo, parseTreeinfo } from "@/lib/osinfo";

import { fixtureDb } from "./fixture-db";

// The anaconda layout: everything in [general].
const OLD_STYLE = "[general]\nfamily = BaseOS\nversion = 1.4\narch = x86_64\nvariant = Everything\n";
// The productmd 1.x layout: [release] and [tree], variants in their own sections.
const PRODUCTMD = [
  "[header]",
  "type = productmd.treeinfo",
  "version = 1.2",
  "",
  "[release]",
  "name = BaseOS",
  "short = BaseOS",
  "version = 2",
  "",
  "[tree]",
  "arch = x86_64",
  "variants = Server",
  "",
  "[variant-Server]",
  "id = Server",
  "name = Server",
  "",
].join("\n");

describe(".treeinfo parsing", () => {
  it("reads family, version, arch and variant from the anaconda layout", () => {
    expect(parseTreeinfo(OLD_STYLE)).toEqual({ family: "BaseOS", version: "1.4", arch: "x86_64", variant: "Everything" });
  });

  it("reads the productmd layout, taking the variant when the tree has exactly one", () => {
    expect(parseTreeinfo(PRODUCTMD)).toEqual({ family: "BaseOS", version: "2", arch: "x86_64", variant: "Server" });
  });

  it("tolerates comments, CRLF line ends and odd spacing", () => {
    expect(parseTreeinfo("# made by hand\r\n[general]\r\n  family=BaseOS \r\n; note\r\nversion =1\r\n").family).toBe("BaseOS");
  });

  it("rejects text that is not a .treeinfo", () => {
    expect(() => parseTreeinfo("<html>404 Not Found</html>")).toThrow(TreeinfoParseError);
    expect(() => parseTreeinfo("")).toThrow(/not a \.treeinfo/);
  });
});

describe(".treeinfo detection", () => {
  const db = fixtureDb();

  it("matches family, version and arch rules", () => {
    expect(detectFromTreeinfo(db, OLD_STYLE)?.os.shortId).toBe("base1");
    expect(detectFromTreeinfo(db, PRODUCTMD)?.os.shortId).toBe("derived2");
  });

  it("needs every field of the rule to match", () => {
    expect(detectFromTreeinfo(db, "[general]\nfamily = BaseOS\nversion = 12\narch = x86_64\n")).toBeUndefined();
    expect(detectFromTreeinfo(db, "[general]\nfamily = BaseOS\nversion = 1\narch = aarch64\n")).toBeUndefined();
    // derived2's rule also needs the Server variant.
    expect(detectFromTreeinfo(db, "[general]\nfamily = BaseOS\nversion = 2\narch = x86_64\nvariant = Workstation\n")).toBeUndefined();
  });

  it("honours the requested architecture", () => {
    expect(detectFromTreeinfo(db, OLD_STYLE, { arch: "aarch64" })).toBeUndefined();
    expect(detectFromTreeinfo(db, OLD_STYLE, { arch: "x86_64" })?.tree).toMatchObject({ treeArch: "x86_64", family: "BaseOS" });
  });
});
