// A cloud-init seed volume read back through libvirt (so what the guest gets, not what was meant to be written).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Libvirt } from "@/lib/libvirt";

/** The volume's bytes, read back through libvirt, extracted with xorriso: its label and files. */
export async function readSeedVolume(
  lv: Libvirt,
  name: string,
  pool = "default",
): Promise<{ label: string; files: Record<string, string> }> {
  const vol = await lv.storage.lookupVolume(await lv.storage.lookupPool(pool), name);
  const chunks: Buffer[] = [];
  for await (const chunk of await lv.storage.downloadStream(vol)) chunks.push(chunk as Buffer);
  const dir = mkdtempSync(path.join(tmpdir(), "cloudinit-readback-"));
  try {
    const iso = path.join(dir, "seed.iso");
    writeFileSync(iso, Buffer.concat(chunks));
    const info = execFileSync("xorriso", ["-indev", iso, "-pvd_info"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    const label = /^Volume Id\s*:\s*(\S+)/m.exec(info)?.[1] ?? "";
    const out = path.join(dir, "out");
    execFileSync("xorriso", ["-osirrox", "on", "-indev", iso, "-extract", "/", out], { stdio: "ignore" });
    const files = Object.fromEntries(["user-data", "meta-data", "network-config"].map((f) => [f, readFileSync(path.join(out, f), "utf8")]));
    return { label, files };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
