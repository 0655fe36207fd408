// The newc writer read back by GNU cpio (Debian's cpio package): names, sizes, modes and contents as written.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { cpioNewc } from "@/lib/archive/cpio-newc";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("cpioNewc", () => {
  const files = [
    { name: "fedora.ks", data: "text\nrootpw 'x'\n" },
    { name: "odd", data: Buffer.from([1, 2, 3]) }, // a size that needs padding
    { name: "preseed.cfg", data: "d-i debian-installer/locale string en_US\n", mode: 0o644 },
  ];

  it("is listed by cpio -t with every name, in order", () => {
    const listing = execFileSync("cpio", ["-t", "--quiet"], { input: cpioNewc(files) }).toString();
    expect(listing.trim().split("\n")).toEqual(["fedora.ks", "odd", "preseed.cfg"]);
  });

  it("extracts to the same bytes and modes, and its length is a multiple of 4", () => {
    const archive = cpioNewc(files, 1_700_000_000);
    expect(archive.length % 4).toBe(0);
    expect(archive.subarray(0, 6).toString()).toBe("070701");
    const dir = mkdtempSync(path.join(tmpdir(), "cpio-test-"));
    dirs.push(dir);
    execFileSync("cpio", ["-i", "--quiet", "-H", "newc"], { cwd: dir, input: archive });
    for (const f of files) expect(readFileSync(path.join(dir, f.name))).toEqual(Buffer.from(f.data));
    expect(statSync(path.join(dir, "fedora.ks")).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dir, "preseed.cfg")).mode & 0o777).toBe(0o644);
  });

  it("still lists after gzip, as appended to an initrd", () => {
    const listing = execFileSync("sh", ["-c", "gzip -dc | cpio -t --quiet"], { input: gzipSync(cpioNewc(files)) }).toString();
    expect(listing).toContain("preseed.cfg");
  });

  it("refuses names that would leave the archive's root", () => {
    expect(() => cpioNewc([{ name: "../etc/passwd", data: "" }])).toThrow(/bad name/);
    expect(() => cpioNewc([{ name: "/abs", data: "" }])).toThrow(/bad name/);
  });
});
