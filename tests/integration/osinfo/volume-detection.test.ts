// Installer detection from a libvirt storage volume: only its first 64 KiB travel, over libvirt's
// download stream, the way the new-guest wizard reads an ISO that lives on a remote host.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "@/lib/libvirt";
import type { VolumeRef } from "@/lib/libvirt/api/storage";
import { detectFromIsoHeader, ISO_HEADER_BYTES, loadOsinfoDb } from "@/lib/osinfo";
import { DEBIAN_11_LABEL, labelledIso, uploadToDefaultPool } from "../../helpers/iso-volume";

const name = `vc-isovol-${process.pid}.iso`;
let lv: Libvirt;
let vol: VolumeRef;

beforeAll(async () => {
  lv = await Libvirt.open("qemu:///system");
  vol = await uploadToDefaultPool(lv, name, labelledIso(DEBIAN_11_LABEL));
});

afterAll(async () => {
  if (vol) await lv.storage.deleteVolume(vol).catch(() => undefined);
  await lv?.close();
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
