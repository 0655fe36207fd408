// Installer media detection on the real osinfo-db with small ISOs built by xorriso, carrying the
// volume ids real distributions use, and .treeinfo files as real install trees publish them.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ISO_HEADER_BYTES, detectFromIsoFile, detectFromIsoHeader, detectFromTreeinfo, loadOsinfoDb, readIsoIdentityFromFile, type OsinfoDb } from "@/lib/osinfo";

interface IsoLabel {
  volumeId: string;
  systemId?: string;
  publisherId?: string;
  applicationId?: string;
}

let db: OsinfoDb;
let workDir: string;

beforeAll(async () => {
  db = await loadOsinfoDb();
  workDir = mkdtempSync(path.join(tmpdir(), "osinfo-iso-"));
  mkdirSync(path.join(workDir, "content"));
  writeFileSync(path.join(workDir, "content", "README.TXT"), "test media\n");
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

let isoCount = 0;
/** A real (tiny) ISO 9660 image made by xorriso's mkisofs emulation. */
function buildIso(label: IsoLabel): string {
  const file = path.join(workDir, `media-${isoCount++}.iso`);
  const args = ["-as", "mkisofs", "-quiet", "-V", label.volumeId];
  if (label.systemId) args.push("-sysid", label.systemId);
  if (label.publisherId) args.push("-publisher", label.publisherId);
  if (label.applicationId) args.push("-A", label.applicationId);
  execFileSync("xorriso", [...args, "-o", file, path.join(workDir, "content")], { stdio: "pipe" });
  return file;
}

async function firstBytes(file: string, length: number): Promise<Buffer> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

// Labels as the vendors' ISOs carry them; each must match the osinfo-db 20221130 rule named.
const KNOWN_MEDIA: { label: IsoLabel; shortId: string; arch: string }[] = [
  { label: { volumeId: "Debian 11.9.0 amd64 n" }, shortId: "debian11", arch: "x86_64" },
  { label: { volumeId: "Debian 11.9.0 arm64 1" }, shortId: "debian11", arch: "aarch64" },
  { label: { volumeId: "Debian testing amd64 n" }, shortId: "debiantesting", arch: "x86_64" },
  { label: { volumeId: "Ubuntu-Server 22.04.4 LTS amd64" }, shortId: "ubuntu22.04", arch: "x86_64" },
  { label: { volumeId: "Ubuntu 22.04.4 LTS amd64" }, shortId: "ubuntu22.04", arch: "x86_64" },
  { label: { volumeId: "Fedora-S-dvd-x86_64-37" }, shortId: "fedora37", arch: "x86_64" },
  { label: { volumeId: "RHEL-9-1-0-BaseOS-x86_64" }, shortId: "rhel9.1", arch: "x86_64" },
  { label: { volumeId: "CentOS-Stream-9-BaseOS-x86_64" }, shortId: "centos-stream9", arch: "x86_64" },
  { label: { volumeId: "alpine-virt 3.17.1 x86_64" }, shortId: "alpinelinux3.17", arch: "x86_64" },
  // win10 and win11 share this rule; win11 wins as the successor (see rule-matching.ts).
  { label: { volumeId: "CCCOMA_X64FRE_EN-US_DV9", publisherId: "MICROSOFT CORPORATION" }, shortId: "win11", arch: "x86_64" },
];

describe("detection from ISO images built with xorriso", () => {
  it("reads the identifiers xorriso wrote into the PVD", async () => {
    const file = buildIso({ volumeId: "CCCOMA_X64FRE_EN-US_DV9", systemId: "WINDOWS", publisherId: "MICROSOFT CORPORATION", applicationId: "CDIMAGE 2.56" });
    await expect(readIsoIdentityFromFile(file)).resolves.toMatchObject({
      volumeId: "CCCOMA_X64FRE_EN-US_DV9",
      systemId: "WINDOWS",
      publisherId: "MICROSOFT CORPORATION",
      applicationId: "CDIMAGE 2.56",
    });
  });

  it.each(KNOWN_MEDIA)("detects $shortId from volume id '$label.volumeId'", async ({ label, shortId, arch }) => {
    const match = await detectFromIsoFile(db, buildIso(label));
    expect(match?.os.shortId).toBe(shortId);
    expect(match?.media.arch).toBe(arch);
  });

  it("detects from the first 64 KiB of an image, as read from a libvirt volume stream", async () => {
    const header = await firstBytes(buildIso({ volumeId: "Fedora-S-dvd-x86_64-37" }), ISO_HEADER_BYTES);
    expect(detectFromIsoHeader(db, header)?.os.shortId).toBe("fedora37");
  });

  it("honours the requested architecture", async () => {
    const file = buildIso({ volumeId: "Debian 11.9.0 arm64 1" });
    expect(await detectFromIsoFile(db, file, { arch: "x86_64" })).toBeUndefined();
    expect((await detectFromIsoFile(db, file, { arch: "aarch64" }))?.os.shortId).toBe("debian11");
  });

  it("maps future Fedoras to fedora-unknown, as osinfo-db means it to", async () => {
    expect((await detectFromIsoFile(db, buildIso({ volumeId: "Fedora-S-dvd-x86_64-39" })))?.os.shortId).toBe("fedora-unknown");
  });

  it("finds nothing for releases newer than this osinfo-db without a catch-all entry, and for unknown media", async () => {
    // Debian 12 and Alpine 3.19 came out after osinfo-db 20221130.
    for (const volumeId of ["Debian 12.5.0 amd64 n", "alpine-virt 3.19.1 x86_64", "MY_BACKUP_DISC"]) {
      expect(await detectFromIsoFile(db, buildIso({ volumeId })), volumeId).toBeUndefined();
    }
  });

  it("needs the publisher id where the Windows rule has one", async () => {
    expect(await detectFromIsoFile(db, buildIso({ volumeId: "CCCOMA_X64FRE_EN-US_DV9" }))).toBeUndefined();
  });
});

// .treeinfo as published by the install trees (trimmed to the sections osinfo looks at).
const RHEL_9_1 = `[header]
type = productmd.treeinfo
version = 1.2

[release]
name = Red Hat Enterprise Linux
short = RHEL
version = 9.1

[tree]
arch = x86_64
platforms = x86_64,xen
variants = AppStream,BaseOS

[general]
; WARNING.0 = This section provides compatibility with pre-productmd treeinfos.
arch = x86_64
family = Red Hat Enterprise Linux
name = Red Hat Enterprise Linux 9.1
platforms = x86_64,xen
version = 9.1
`;

const FEDORA_37 = `[header]
type = productmd.treeinfo
version = 1.2

[release]
name = Fedora
short = Fedora
version = 37

[tree]
arch = x86_64
build_timestamp = 1667952386
platforms = x86_64,xen
variants = Everything

[variant-Everything]
id = Everything
name = Everything
type = variant
uid = Everything
`;

const CENTOS_STREAM_9 = `[general]
arch = x86_64
family = CentOS Stream
name = CentOS Stream 9
platforms = x86_64,xen
version = 9
`;

describe("detection from .treeinfo", () => {
  it.each([
    { name: "RHEL 9.1", text: RHEL_9_1, shortId: "rhel9.1" },
    { name: "Fedora 37", text: FEDORA_37, shortId: "fedora37" },
    { name: "CentOS Stream 9", text: CENTOS_STREAM_9, shortId: "centos-stream9" },
  ])("detects $name", ({ text, shortId }) => {
    expect(detectFromTreeinfo(db, text)?.os.shortId).toBe(shortId);
  });

  it("matches the arch of the tree", () => {
    const aarch64 = RHEL_9_1.replaceAll("x86_64", "aarch64");
    expect(detectFromTreeinfo(db, aarch64)?.tree.treeArch).toBe("aarch64");
    expect(detectFromTreeinfo(db, RHEL_9_1)?.tree.treeArch).toBe("x86_64");
  });

  it("maps an unknown newer Fedora to fedora-unknown and an unknown family to nothing", () => {
    expect(detectFromTreeinfo(db, FEDORA_37.replace("version = 37", "version = 39"))?.os.shortId).toBe("fedora-unknown");
    expect(detectFromTreeinfo(db, CENTOS_STREAM_9.replace("family = CentOS Stream", "family = Hobby OS"))).toBeUndefined();
  });
});
