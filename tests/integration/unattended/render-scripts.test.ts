// Every install-script kind in this machine's osinfo-db, rendered the way libosinfo applies it (its XSLT
// run by xsltproc on an <install-script-config> the console writes) with sample answers, then checked as
// its installer would read it: kickstarts by a syntax check of our own (no ksvalidator in Debian), preseeds
// as "owner question type value" lines, AutoYaST and Windows unattend files as well-formed XML.
import { DOMParser } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import { loadOsinfoDb } from "@/lib/osinfo";
import { installScripts } from "@/lib/osinfo/install-scripts";
import { scriptChoices } from "@/lib/osinfo/unattended";
import { prepareUnattended } from "@/lib/server/unattended/prepare";
import { unattendedSchema } from "@/lib/validations/unattended";

const answers = unattendedSchema.parse({
  adminPassword: "Root-Pa55!",
  userLogin: "alice",
  userPassword: "Alice-Pa55!",
  timezone: "Europe/Berlin",
  language: "de_DE",
  productKey: "ABCDE-12345-FGHIJ-67890-KLMNO",
  hostname: "box1",
});

/** Kickstart commands anaconda knows (pykickstart's handlers), for the lines outside %sections. */
const KICKSTART_COMMANDS = new Set(
  (
    "auth authconfig authselect autopart autostep bootloader btrfs cdrom clearpart cmdline device driverdisk eula " +
    "fcoe firewall firstboot graphical group harddrive ignoredisk install iscsi iscsiname keyboard lang langsupport " +
    "liveimg logging logvol mediacheck mount mouse multipath network nfs ostreesetup ostreecontainer part partition " +
    "poweroff raid realm reboot repo reqpart rescue rootpw selinux services shutdown skipx snapshot sshkey sshpw " +
    "text timezone timesource updates url user vnc volgroup xconfig zerombr zfcp zipl module"
  ).split(" "),
);

/** Each line outside %packages/%pre/%post is a known command; every section is closed by %end. */
function kickstartProblems(text: string): string[] {
  const problems: string[] = [];
  let section: string | null = null;
  for (const [i, raw] of text.split("\n").entries()) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    if (section) {
      if (line === "%end") section = null;
      else if (line.startsWith("%") && section !== "%packages") problems.push(`${i + 1}: ${line} inside ${section}`);
      continue;
    }
    const word = line.split(/\s+/)[0];
    if (/^%(packages|pre|post|pre-install|onerror|traceback|addon|anaconda)$/.test(word)) section = word;
    else if (!KICKSTART_COMMANDS.has(word)) problems.push(`${i + 1}: unknown command ${word}`);
    else if ((line.match(/'/g) ?? []).length % 2) problems.push(`${i + 1}: unbalanced quote`);
  }
  if (section) problems.push(`${section} without %end`);
  return problems;
}

/** debconf preseeding: "owner question type value", with backslash continuations. */
function preseedProblems(text: string): string[] {
  return text
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line, i) => [i + 1, line.trim()] as const)
    .filter(([, line]) => line && !line.startsWith("#"))
    .filter(([, line]) => !/^\S+\s+\S+\s+(string|boolean|select|multiselect|password|note|text|title|seen|error)(\s|$)/.test(line))
    .map(([n, line]) => `${n}: ${line}`);
}

/**
 * Lines osinfo-db 20221203 itself writes without a debconf type (its Debian scripts' passwd/username,
 * its Ubuntu desktop script's two ubiquity answers): left as libosinfo renders them, and known here
 * so that any other malformed line still fails.
 */
const UPSTREAM_PRESEED_SLIPS = /^\d+: d-i (passwd\/username alice|ubiquity\/install_oem false|ubiquity\/use_nonfree true)$/;

function xmlProblems(text: string): string[] {
  const problems: string[] = [];
  new DOMParser({ onError: (level, msg) => void (level !== "warning" && problems.push(msg)) }).parseFromString(text.trim(), "text/xml");
  return problems;
}

const kindOf = (filename: string) =>
  filename.endsWith(".ks") ? "kickstart" : filename.endsWith(".cfg") ? "preseed" : filename.endsWith(".xml") ? "xml" : "other";

/** One OS linking each script (the newest by release date), and the route the script can take. */
async function cases() {
  const db = await loadOsinfoDb();
  return [...installScripts().values()]
    .filter((s) => kindOf(s.expectedFilename) !== "other")
    .map((script) => {
      const oses = db.entries
        .filter((os) => os.installScripts.includes(script.id))
        .sort((a, b) => b.releaseDate.localeCompare(a.releaseDate));
      const route = script.injectionMethods.includes("initrd") ? ("initrd" as const) : ("cdrom" as const);
      const os = oses.find((o) => scriptChoices(o, route).some((c) => c.scriptId === script.id));
      return { script, os, route };
    })
    .filter((c) => c.os);
}

describe("osinfo install scripts rendered with xsltproc", async () => {
  const all = await cases();

  it("covers kickstart, preseed, AutoYaST and Windows unattend, jeos and desktop", () => {
    const ids = all.map((c) => c.script.id);
    for (const kind of [
      "kickstart/jeos",
      "kickstart/desktop",
      "preseed/jeos",
      "preseed/desktop",
      "autoyast/jeos",
      "unattend/jeos",
      "unattend/desktop",
    ])
      expect(ids.some((id) => id.endsWith(kind))).toBe(true);
  });

  it.each(all.map((c) => [c.script.id, c] as const))("%s renders and validates", async (_id, { script, os, route }) => {
    const prepared = await prepareUnattended({
      osId: os!.id,
      route,
      answers: { ...answers, profile: script.profile as "jeos" | "desktop" },
      guestName: "guest1",
      arch: "x86_64",
      treeUrl: route === "initrd" ? "http://mirror.example/tree/" : undefined,
    });
    expect(prepared.scriptId).toBe(script.id);
    expect(prepared.filename).toBe(script.expectedFilename);
    const text = prepared.content;
    const kind = kindOf(script.expectedFilename);
    if (kind === "kickstart") {
      expect(kickstartProblems(text)).toEqual([]);
      // jeos scripts set rootpw; desktop ones set it in %post (or, Silverblue, leave root locked).
      if (script.profile === "jeos") expect(text).toMatch(/^rootpw 'Root-Pa55!'$/m);
      expect(text).toContain("Alice-Pa55!");
      expect(text).toMatch(/^timezone --utc Europe\/Berlin$/m);
      expect(text).toMatch(/^lang de_DE$/m);
      expect(prepared.kernelArgs).toMatch(new RegExp(`(inst\\.)?ks=file:/${script.expectedFilename}`));
      expect(prepared.kernelArgs).toContain("http://mirror.example/tree/");
    } else if (kind === "preseed") {
      expect(preseedProblems(text).filter((p) => !UPSTREAM_PRESEED_SLIPS.test(p))).toEqual([]);
      expect(text).toMatch(/time\/zone (select|string) Europe\/Berlin/);
      expect(text).toContain("alice");
    } else {
      expect(xmlProblems(text)).toEqual([]);
      expect(text).toContain("Root-Pa55!");
      if (script.productKeyFormat) expect(text).toContain("ABCDE-12345-FGHIJ-67890-KLMNO");
    }
  });
});

describe("answers the script cannot take", () => {
  it("a missing admin password for a script that needs one is refused at its field", async () => {
    const err = await prepareUnattended({
      osId: "fedora37",
      route: "initrd",
      answers: { ...answers, adminPassword: "" },
      guestName: "g",
      arch: "x86_64",
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 422, fields: { "install.unattended.adminPassword": "This OS's install script needs it" } });
  });

  it("a product key in the wrong format is refused at its field, with the format", async () => {
    const err = await prepareUnattended({
      osId: "win10",
      route: "cdrom",
      answers: { ...answers, productKey: "ABCDE-12345" },
      guestName: "g",
      arch: "x86_64",
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ fields: { "install.unattended.productKey": "A product key like XXXXX-XXXXX-XXXXX-XXXXX-XXXXX" } });
  });

  it("an OS without a script for the route says so", async () => {
    // Debian's preseed only goes into an initrd: an ISO install of Debian cannot be unattended here.
    await expect(prepareUnattended({ osId: "debian11", route: "cdrom", answers, guestName: "g", arch: "x86_64" })).rejects.toThrow(
      /Debian 11 cannot install by itself this way/,
    );
  });
});
