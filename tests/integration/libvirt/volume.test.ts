import { createHash, randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Libvirt } from "../../../lib/libvirt";
import type { VolumeRef } from "../../../lib/libvirt/api/storage";

describe("storage volume upload/download round trip (qemu:///system, pool 'default')", () => {
  let lv: Libvirt;
  const created: VolumeRef[] = [];
  const name = `rt-${randomBytes(4).toString("hex")}`;
  beforeAll(async () => {
    lv = await Libvirt.open("qemu:///system");
  });
  afterAll(async () => {
    for (const vol of created) await lv.storage.deleteVolume(vol).catch(() => undefined);
    await lv?.close();
  });

  it("uploads 3 MiB of random data and downloads identical bytes", async () => {
    const pool = await lv.storage.lookupPool("default");
    const size = 3 * 1024 * 1024;
    const vol = await lv.storage.createVolume(
      pool,
      `<volume><name>${name}.raw</name><capacity unit='bytes'>${size}</capacity><target><format type='raw'/></target></volume>`,
    );
    created.push(vol);
    const data = randomBytes(size);
    await lv.storage.upload(vol, Readable.from([data.subarray(0, 1_000_000), data.subarray(1_000_000)]));

    const download = await lv.storage.downloadStream(vol);
    const hash = createHash("sha256");
    let received = 0;
    for await (const chunk of download) {
      hash.update(chunk as Buffer);
      received += (chunk as Buffer).length;
    }
    expect(received).toBe(size);
    expect(hash.digest("hex")).toBe(createHash("sha256").update(data).digest("hex"));

    const info = await lv.storage.volumeInfo(vol);
    expect(info.capacity).toBe(BigInt(size));
    await lv.storage.resizeVolume(vol, size * 2);
    expect((await lv.storage.volumeInfo(vol)).capacity).toBe(BigInt(size * 2));
    const clone = await lv.storage.cloneVolume(
      pool,
      `<volume><name>${name}-clone.raw</name><capacity unit='bytes'>${size * 2}</capacity><target><format type='raw'/></target></volume>`,
      vol,
    );
    created.push(clone);
    expect((await lv.storage.listVolumes(pool)).map((v) => v.name)).toEqual(expect.arrayContaining([`${name}.raw`, `${name}-clone.raw`]));
  });
});
