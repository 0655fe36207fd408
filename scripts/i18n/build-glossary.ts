/**
 * Builds messages/glossary.json: how virt-manager's own Korean, Japanese and Russian catalogues name the terms
 * our messages use, so a translation says "저장소 풀" / "ストレージプール" / "Пулы хранения" as the people who
 * know virt-manager expect. Reads virt-manager.mo from Debian's virtinst package (downloaded, not installed).
 *
 *   npx tsx scripts/i18n/build-glossary.ts        (rewrites messages/glossary.json; commit the result)
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { locales } from "../../lib/i18n/locales";

/** The English terms to look up, as virt-manager writes them (menu mnemonics and trailing colons are ignored). */
const terms = [
  "Virtual Machine",
  "Guest",
  "Host",
  "Hypervisor",
  "Connection",
  "Storage",
  "Storage Pools",
  "Volumes",
  "Snapshot",
  "Snapshots",
  "Virtual Networks",
  "Virtual network",
  "Networks",
  "Network",
  "Autostart",
  "Run",
  "Shut Down",
  "Reboot",
  "Force Reset",
  "Force Off",
  "Pause",
  "Resume",
  "Save",
  "Restore",
  "Delete",
  "Clone",
  "Migrate",
  "Console",
  "Overview",
  "Details",
  "Memory",
  "CPUs",
  "Firmware",
  "Chipset",
  "Add Hardware",
  "Serial",
  "Boot Options",
  "Send Key",
  "Take Screenshot",
  "Running",
  "Shutoff",
  "Paused",
  "Crashed",
  "Name",
  "State",
  "Finish",
];

const MO_MAGIC = 0x950412de;

/** A GNU .mo catalogue's original → translated strings (the format: gettext's manual, "The Format of MO Files"). */
function readMo(buffer: Buffer): Map<string, string> {
  const little = buffer.readUInt32LE(0) === MO_MAGIC;
  const u32 = (at: number) => (little ? buffer.readUInt32LE(at) : buffer.readUInt32BE(at));
  const count = u32(8);
  const originals = u32(12);
  const translations = u32(16);
  const text = (table: number, i: number) => buffer.toString("utf8", u32(table + i * 8 + 4), u32(table + i * 8 + 4) + u32(table + i * 8));
  const entries = new Map<string, string>();
  for (let i = 0; i < count; i++) entries.set(text(originals, i), text(translations, i));
  return entries;
}

const plain = (s: string) =>
  s
    .replace(/\(_\w\)/g, "")
    .replace(/_/g, "")
    .replace(/:$/, "")
    .trim();

const work = mkdtempSync(join(tmpdir(), "glossary-"));
try {
  execFileSync("apt-get", ["download", "virtinst"], { cwd: work, stdio: "inherit" });
  const deb = readdirSync(work).find((f) => f.endsWith(".deb"))!;
  execFileSync("dpkg-deb", ["-x", join(work, deb), join(work, "x")]);
  const catalogues = Object.fromEntries(
    locales
      .filter((l) => l !== "en")
      .map((l) => {
        const mo = readMo(readFileSync(join(work, "x/usr/share/locale", l, "LC_MESSAGES/virt-manager.mo")));
        // Several originals may read alike once plain ("_Storage", "Storage"): the exact one wins, else the first.
        const byTerm = new Map<string, string>();
        for (const [k, v] of mo) if (v && (k === plain(k) || !byTerm.has(plain(k)))) byTerm.set(plain(k), plain(v));
        return [l, byTerm];
      }),
  );
  const glossary: Record<string, Record<string, string>> = {};
  for (const term of terms) {
    const entry = Object.fromEntries(Object.entries(catalogues).map(([l, m]) => [l, m.get(term) ?? m.get(`${term}:`) ?? ""]));
    if (Object.values(entry).every(Boolean)) glossary[term] = entry;
  }
  writeFileSync("messages/glossary.json", `${JSON.stringify(glossary, null, 2)}\n`);
  console.log(`messages/glossary.json: ${Object.keys(glossary).length} of ${terms.length} terms`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
