// Media and install-tree detection on the real osinfo-db (package osinfo-db 0.20221130), with
// ISO images built here by xorriso carrying the volume descriptors of real installer media.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, openSync, readSync, closeSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  ISO_HEADER_BYTES,
  detectFromIsoFile,
  detectFromIsoHeader,
  detectFromTreeinfo,
  loadOsinfoDb,
  matchMedia,
  readIsoIdentityFromFile,
  type OsinfoDb,
} from "@/lib/osinfo";

interface IsoCase {
  label: string;
  volumeId: string;
  systemId?: string;
  publisherId?: string;
  applicationId?: string;
  expected: string | undefined;
}

// Volume ids as the real images carry them; each is checked against the osinfo rule it must hit.
const ISO_CASES: IsoCase[] = [
  { label: "Debian 11.7 netinst", volumeId: "Debian 11.7.0 amd64 n", expected: "debian11" },
  { label: "Debian 11.7 DVD", volumeId: "Debian 11.7.0 amd64 1", expected: "debian11" },
  { label: "Ubuntu Server 22.04.4", volumeId: "Ubuntu-Server 22.04.4 LTS amd64", expected: "ubuntu22.04" },
  { label: "Ubuntu Desktop 22.04.3", volumeId: "Ubuntu 22.04.3 LTS amd64", expected: "ubuntu22.04" },
  { label: "Fedora 37 Server DVD", volumeId: "Fedora-S-dvd-x86_64-37", systemId: "LINUX", expected: "fedora37" },
  // Newer than this osinfo-db: its catch-all "fedora-unknown" rule answers, as libosinfo would.
  { label: "Fedora 39 Server DVD", volumeId: "Fedora-S-dvd-x86_64-39", systemId: "LINUX", expected: "fedora-unknown" },
  { label: "RHEL 9.1 DVD", volumeId: "RHEL-9-1-0-BaseOS-x86_64", systemId: "LINUX", expected: "rhel9.1" },
  { label: "CentOS Stream 9", volumeId: "CentOS-Stream-9-BaseOS-x86_64", systemId: "LINUX", expected: "centos-stream9" },
  { label: "Alpine 3.17 virt", volumeId: "alpine-virt 3.17.1 x86_64", expected: "alpinelinux3.17" },
  // win10 and win11 share this pattern; the successor wins and win10 stays listed as runner-up.
  { label: "Windows 11 23H2", volumeId: "CCCOMA_X64FRE_EN-US_DV9", publisherId: "MICROSOFT CORPORATION", expected: "win11" },
  { label: "Windows Server 2022", volumeId: "SSS_X64FREE_EN-US_DV9", publisherId: "MICROSOFT CORPORATION", expected: "win2k22" },
  // Debian 12 was released after this osinfo-db snapshot: nothing matches and the caller asks the user.
  { label: "Debian 12.5 netinst", volumeId: "Debian 12.5.0 amd64 n", expected: undefined },
  { label: "Alpine 3.19 virt", volumeId: "alpine-virt 3.19.1 x86_64", expected: undefined },
  { label: "Debian testing netinst", volumeId: "Debian testing amd64 n", expected: "debiantesting" },
  // The Windows rules also pin the publisher id; without it nothing matches.
  { label: "Windows 11 without publisher", volumeId: "CCCOMA_X64FRE_EN-US_DV9", expected: undefined },
];

let db: OsinfoDb;
let workDir: string;
const isoPaths = new Map<string, string>();

function buildIso(isoCase: IsoCase, index: number): string {
  const contentDir = path.join(workDir, `content-${index}`);
  mkdirSync(contentDir);
  writeFileSync(path.join(contentDir, "README.TXT"), `${isoCase.label}\n`);
  const output = path.join(workDir, `case-${index}.iso`);
  const args = ["-as", "mkisofs", "-quiet", "-V", isoCase.volumeId, "-o", output];
  if (isoCase.systemId) args.push("-sysid", isoCase.systemId);
  if (isoCase.publisherId) args.push("-publisher", isoCase.publisherId);
  if (isoCase.applicationId) args.push("-A", isoCase.applicationId);
  execFileSync("xorriso", [...args, contentDir], { stdio: "pipe" });
  return output;
}

function isoPath(label: string): string {
  const found = isoPaths.get(label);
  if (!found) throw new Error(`no ISO built for ${label}`);
  return found;
}

/** What a caller does with a libvirt volume: download only the first 64 KiB and pass the bytes. */
function readHeader(filePath: string): Buffer {
  const header = Buffer.alloc(ISO_HEADER_BYTES);
  const fd = openSync(filePath, "r");
  try {
    return header.subarray(0, readSync(fd, header, 0, ISO_HEADER_BYTES, 0));
  } finally {
    closeSync(fd);
  }
}

beforeAll(async () => {
  db = await loadOsinfoDb();
  workDir = mkdtempSync(path.join(tmpdir(), "osinfo-iso-"));
  ISO_CASES.forEach((isoCase, index) => isoPaths.set(isoCase.label, buildIso(isoCase, index)));
});

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe("ISO detection with xorriso-built images", () => {
  it("reads back exactly the descriptors xorriso wrote", async () => {
    const identity = await readIsoIdentityFromFile(isoPath("Windows 11 23H2"));
    expect(identity).toMatchObject({ volumeId: "CCCOMA_X64FRE_EN-US_DV9", publisherId: "MICROSOFT CORPORATION" });
    expect(identity.volumeSizeBytes % 2048).toBe(0);
    expect(identity.volumeSizeBytes).toBeGreaterThan(0);
  });

  it.each(ISO_CASES)("$label ($volumeId) → $expected", async (isoCase) => {
    const filePath = isoPath(isoCase.label);
    const fromFile = await detectFromIsoFile(db, filePath, { arch: "x86_64" });
    expect(fromFile?.os.shortId).toBe(isoCase.expected);
    // The same answer from the first 64 KiB alone, as from a libvirt volume stream.
    expect(detectFromIsoHeader(db, readHeader(filePath), { arch: "x86_64" })?.os.shortId).toBe(isoCase.expected);
  });

  it("names the matched media rule (arch, variant, live flag)", async () => {
    const fedora = await detectFromIsoFile(db, isoPath("Fedora 37 Server DVD"));
    // The server DVD rule also pins system-id LINUX, so it beats server-netinst's volume-id-only rule.
    expect(fedora).toMatchObject({ score: 2, ruleArch: "x86_64" });
    expect(fedora?.media.variants).toEqual(["server"]);
    const ubuntu = await detectFromIsoFile(db, isoPath("Ubuntu Server 22.04.4"));
    expect(ubuntu?.media.live).toBe(true);
  });

  it("keeps the runners-up for an ambiguous medium", async () => {
    const identity = await readIsoIdentityFromFile(isoPath("Windows 11 23H2"));
    expect(matchMedia(db, identity, { arch: "x86_64" }).map((match) => match.os.shortId)).toEqual(["win11", "win10"]);
  });

  it("finds nothing when the requested arch has no rule for the medium", async () => {
    expect(await detectFromIsoFile(db, isoPath("Alpine 3.17 virt"), { arch: "aarch64" })).toBeUndefined();
  });

  it("detects a non-x86 medium for its own arch only", async () => {
    const arm = buildIso({ label: "Debian 11 arm64 DVD", volumeId: "Debian 11.9.0 arm64 1", expected: "debian11" }, ISO_CASES.length);
    expect(await detectFromIsoFile(db, arm, { arch: "x86_64" })).toBeUndefined();
    expect(await detectFromIsoFile(db, arm, { arch: "aarch64" })).toMatchObject({ os: { shortId: "debian11" }, ruleArch: "aarch64" });
  });
});

// Trimmed from the .treeinfo files published on the distributions' mirrors.
const FEDORA_37_SERVER = `[header]
type = productmd.treeinfo
version = 1.2

[release]
name = Fedora
short = Fedora
version = 37

[tree]
arch = x86_64
platforms = x86_64,xen
variants = Server

[variant-Server]
id = Server
name = Server
type = variant

[general]
; WARNING.0 = This section provides compatibility with pre-productmd treeinfos.
arch = x86_64
family = Fedora
name = Fedora 37
variant = Server
version = 37
`;

// productmd only, without the compatibility [general] section.
const RHEL_9_0_BASEOS = `[header]
type = productmd.treeinfo
version = 1.2

[release]
name = Red Hat Enterprise Linux
short = RHEL
version = 9.0

[tree]
arch = x86_64
platforms = x86_64
variants = AppStream,BaseOS
`;

const CENTOS_STREAM_9 = `[general]
arch = x86_64
family = CentOS Stream
name = CentOS Stream 9
version = 9
`;

describe("install tree detection from .treeinfo", () => {
  it.each([
    { label: "Fedora 37 Server", text: FEDORA_37_SERVER, expected: "fedora37" },
    { label: "RHEL 9.0 BaseOS (productmd only)", text: RHEL_9_0_BASEOS, expected: "rhel9.0" },
    { label: "CentOS Stream 9 (old [general] only)", text: CENTOS_STREAM_9, expected: "centos-stream9" },
  ])("$label → $expected", ({ text, expected }) => {
    expect(detectFromTreeinfo(db, text)?.os.shortId).toBe(expected);
  });

  it("a Fedora tree newer than the database falls to fedora-unknown", () => {
    expect(detectFromTreeinfo(db, FEDORA_37_SERVER.replaceAll("37", "39"))?.os.shortId).toBe("fedora-unknown");
  });

  it("an unknown distribution matches nothing", () => {
    expect(detectFromTreeinfo(db, "[general]\nfamily = Nothing Linux\nversion = 1\narch = x86_64\n")).toBeUndefined();
  });
});
