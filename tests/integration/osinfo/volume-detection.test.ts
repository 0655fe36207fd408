// Installer detection from a libvirt storage volume: only its first 64 KiB travel, over libvirt's
// download stream, the way the new-guest wizard reads an ISO that lives on a remote host.
import { execFileSync } from "node:child_process";
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import type { VolumeRef } from "@/lib/libvirt/api/storage";
import { detectFromIsoHeader, ISO_HEADER_BYTES, loadOsinfoDb } from "@/lib/osinfo";

const dir = mkdtempSync(path.join(tmpdir(), "vc-isovol-"));
const name = `vc-isovol-${process.pid}.iso`;
let lv: Libvirt;
let vol: VolumeRef;

beforeAll(async () => {
  writeFileSync(path.join(dir, "README"), "installer\n");
  const iso = path.join(dir, "debian.iso");
  execFileSync("xorriso", ["-as", "mkisofs", "-quiet", "-V", "Debian 11.5.0 amd64 n", "-sysid", "LINUX", "-o", iso, path.join(dir, "README")]);
  lv = await Libvirt.open("qemu:///system");
  const pool = await lv.storage.lookupPool("default");
  const size = statSync(iso).size;
  vol = await lv.storage.createVolume(pool, `<volume><name>${name}</name><capacity unit='bytes'>${size}</capacity><target><format type='raw'/></target></volume>`);
  await lv.storage.upload(vol, createReadStream(iso), 0n, BigInt(size));
});

afterAll(async () => {
  if (vol) await lv.storage.deleteVolume(vol).catch(() => undefined);
  await lv?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("OS detection from a storage volume", () => {
  it("reads the volume descriptor from the first 64 KiB of the volume and names the OS", async () => {
    const stream = await lv.storage.downloadStream(vol, 0n, BigInt(ISO_HEADER_BYTES));
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const header = Buffer.concat(chunks);
    expect(header.length).toBe(ISO_HEADER_BYTES);
    const match = detectFromIsoHeader(await loadOsinfoDb(), header);
    expect(match?.os.shortId).toBe("debian11");
  });
});
