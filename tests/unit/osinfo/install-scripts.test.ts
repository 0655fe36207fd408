// osinfo-db install scripts as lib/osinfo reads them (a small tree written here): the script's facts,
// the OS links (own and media-level, not from media marked installer-script="false"), the choices per
// route, product-key formats as libosinfo reads them, and the config document the XSLT runs on.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DOMParser } from "@xmldom/xmldom";
import { afterAll, describe, expect, it } from "vitest";
import { parseOsXml, readOsinfoDb } from "@/lib/osinfo";
import { installScripts, parseInstallScriptXml, productKeyMatches } from "@/lib/osinfo/install-scripts";
import { installConfigXml, scriptChoices, scriptConfig } from "@/lib/osinfo/unattended";

const root = mkdtempSync(path.join(tmpdir(), "osinfo-scripts-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const script = (id: string, profile: string, file: string, injections: string[], extra = "") => `
  <install-script id="${id}">
    <profile>${profile}</profile>
    <expected-filename>${file}</expected-filename>
    ${extra}
    <config>
      <param name="admin-password" policy="required"/>
      <param name="user-login" policy="optional"/>
      <param name="l10n-keyboard" policy="optional" value-map="http://example.org/kbd"/>
      <param name="l10n-language" policy="optional"/>
    </config>
    ${injections.map((m) => `<injection-method>${m}</injection-method>`).join("")}
    <template>
      <xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="1.0">
        <xsl:output method="text"/>
        <xsl:template match="/command-line">ks=file:/<xsl:value-of select="script/expected-filename"/></xsl:template>
        <xsl:template match="/install-script-config">rootpw <xsl:value-of select="config/admin-password"/></xsl:template>
      </xsl:stylesheet>
    </template>
  </install-script>`;

function writeTree(): void {
  mkdirSync(path.join(root, "install-script", "example.org"), { recursive: true });
  mkdirSync(path.join(root, "datamap", "example.org"), { recursive: true });
  mkdirSync(path.join(root, "os", "example.org"), { recursive: true });
  writeFileSync(
    path.join(root, "install-script", "example.org", "scripts.xml"),
    `<libosinfo>${script("http://example.org/ks/jeos", "jeos", "ex.ks", ["cdrom", "initrd"])}${script(
      "http://example.org/ks/desktop",
      "desktop",
      "ex.ks",
      ["initrd"],
    )}${script("http://example.org/win/jeos", "jeos", "autounattend.xml", ["cdrom"], "<product-key-format>$$$$$-%%%%%</product-key-format>")}${script(
      "http://example.org/win/cmd",
      "desktop",
      "windows.cmd",
      ["cdrom"],
    )}</libosinfo>`,
  );
  writeFileSync(
    path.join(root, "datamap", "example.org", "kbd.xml"),
    `<libosinfo><datamap id="http://example.org/kbd"><entry inval="de_DE" outval="de"/></datamap></libosinfo>`,
  );
  writeFileSync(
    path.join(root, "os", "example.org", "oses.xml"),
    `<libosinfo>
      <os id="http://example.org/lin/1"><short-id>lin1</short-id><name>Lin 1</name><version>1</version>
        <media arch="x86_64"><installer><script id="http://example.org/ks/jeos"/></installer></media>
        <media arch="aarch64" installer-script="false"><installer><script id="http://example.org/ks/none"/></installer></media>
        <installer><script id="http://example.org/ks/desktop"/><script id="http://example.org/ks/jeos"/></installer>
      </os>
      <os id="http://example.org/win/1"><short-id>win1</short-id><name>Win 1</name>
        <installer><script id="http://example.org/win/jeos"/><script id="http://example.org/win/cmd"/></installer>
      </os>
    </libosinfo>`,
  );
}
writeTree();

describe("install scripts", () => {
  it("reads a script's facts: profile, file name, params (with datamaps), injection methods, whether it writes a command line", () => {
    const s = installScripts(root).get("http://example.org/ks/jeos")!;
    expect(s).toMatchObject({
      profile: "jeos",
      expectedFilename: "ex.ks",
      pathFormat: "unix",
      injectionMethods: ["cdrom", "initrd"],
      hasCommandLine: true,
    });
    expect(s.params).toContainEqual({ name: "admin-password", policy: "required" });
    expect(s.params).toContainEqual({ name: "l10n-keyboard", policy: "optional", valueMap: "http://example.org/kbd" });
    expect(s.stylesheet).toMatch(/^<\?xml version="1.0"\?>\n<xsl:stylesheet /);
  });

  it("a param listed optional, then required, counts as required", () => {
    const [s] = parseInstallScriptXml(
      `<libosinfo><install-script id="x"><config><param name="user-password" policy="optional"/><param name="user-password" policy="required"/></config><template><xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="1.0"/></template></install-script></libosinfo>`,
    );
    expect(s.params).toEqual([{ name: "user-password", policy: "required" }]);
  });

  it("links an OS to its own and its media's scripts, not to media that cannot run one", () => {
    const [os] = parseOsXml(`<libosinfo>${/<os id="http:\/\/example.org\/lin\/1">[\s\S]*?<\/os>/.exec(readOses())![0]}</libosinfo>`);
    expect(os.installScripts).toEqual(["http://example.org/ks/desktop", "http://example.org/ks/jeos"]);
  });

  it("offers one script per profile and route; Windows' .cmd helper is not one", () => {
    const db = readOsinfoDb(root);
    expect(scriptChoices(db.get("lin1")!, "initrd", root).map((c) => c.profile)).toEqual(["desktop", "jeos"]);
    expect(scriptChoices(db.get("lin1")!, "cdrom", root).map((c) => c.scriptId)).toEqual(["http://example.org/ks/jeos"]);
    expect(scriptChoices(db.get("win1")!, "cdrom", root)).toEqual([
      {
        profile: "jeos",
        scriptId: "http://example.org/win/jeos",
        params: ["admin-password", "user-login", "l10n-keyboard", "l10n-language"],
        required: ["admin-password"],
        productKeyFormat: "$$$$$-%%%%%",
      },
    ]);
    expect(scriptChoices(db.get("win1")!, "initrd", root)).toEqual([]);
  });
});

describe("productKeyMatches", () => {
  it("reads $ as a letter or digit, % as a digit, @ as a letter, anything else as itself", () => {
    expect(productKeyMatches("$$$$$-%%%%%", "AB1C2-12345")).toBe(true);
    expect(productKeyMatches("$$$$$-%%%%%", "AB1C2-1234X")).toBe(false);
    expect(productKeyMatches("$$$$$-%%%%%", "AB1C2 12345")).toBe(false);
    expect(productKeyMatches("@@-%", "AB-1")).toBe(true);
    expect(productKeyMatches("@@-%", "A1-1")).toBe(false);
    expect(productKeyMatches("$$$$$-%%%%%", "AB1C2-123")).toBe(false);
  });
});

describe("the config document", () => {
  const db = readOsinfoDb(root);
  const s = installScripts(root).get("http://example.org/ks/jeos")!;

  it("has the script, the OS, the tree and the params the script reads, datamaps and defaults applied", () => {
    const config = scriptConfig(s, { "admin-password": "pw", "l10n-keyboard": "de_DE", "reg-product-key": "unread" }, root);
    expect(config).toEqual({ "admin-password": "pw", "l10n-keyboard": "de", "l10n-language": "en_US" });
    expect(scriptConfig(s, { "l10n-keyboard": "xx_XX" }, root)["l10n-keyboard"]).toBe("us");
  });

  it("escapes what it writes, so a password with < & ' stays one text node", () => {
    const xml = installConfigXml({
      script: s,
      os: db.get("lin1")!,
      config: { "admin-password": `a<b&c'd"e` },
      injection: "initrd",
      installationSource: "network",
      treeUrl: "http://m/t?a=1&b=2",
      root,
    });
    const doc = new DOMParser().parseFromString(xml, "text/xml");
    const text = (tag: string) => doc.getElementsByTagName(tag)[0]?.textContent;
    expect(text("admin-password")).toBe(`a<b&c'd"e`);
    expect(text("url")).toBe("http://m/t?a=1&b=2");
    expect(text("preferred-injection-method")).toBe("initrd");
    expect(text("installation-source")).toBe("network");
    expect(text("short-id")).toBe("lin1");
    expect(doc.documentElement?.tagName).toBe("install-script-config");
    expect(doc.getElementsByTagName("media")).toHaveLength(0);
  });

  it("an ISO install says media; the command line is asked for with its own document element", () => {
    const xml = installConfigXml({
      script: s,
      os: db.get("lin1")!,
      config: {},
      injection: "cdrom",
      installationSource: "media",
      rootName: "command-line",
      root,
    });
    expect(xml).toMatch(/<command-line>[\s\S]*<media\/>[\s\S]*<\/command-line>$/);
  });
});

function readOses(): string {
  return readFileSync(path.join(root, "os", "example.org", "oses.xml"), "utf8");
}
