import "server-only";
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { Libvirt } from "@/lib/libvirt";
import type { PoolRef } from "@/lib/libvirt/api/storage";
import { StoragePool, StorageVolume } from "@/lib/xml";

/**
 * Runs `work` with a pool over `dir`: the pool that already covers it, or a transient one made for
 * the moment and stopped again. NVRAM files live in libvirt's own directory, which is usually no
 * pool, and going through a pool keeps this working on remote hosts (no file access of our own).
 */
async function withDirectoryPool<T>(lv: Libvirt, dir: string, work: (pool: PoolRef) => Promise<T>): Promise<T> {
  for (const pool of await lv.storage.listPools()) {
    if (!pool.active) continue;
    const xml = StoragePool.parse(await lv.storage.poolXml(pool.ref));
    if (xml.type === "dir" && xml.targetPath && path.resolve(xml.targetPath) === path.resolve(dir)) {
      await lv.storage.refreshPool(pool.ref);
      return work(pool.ref);
    }
  }
  const transient = new StoragePool({ type: "dir", name: `virt-console-nvram-${randomBytes(4).toString("hex")}`, targetPath: dir }).toXml();
  const pool = await lv.storage.createTransientPool(transient);
  try {
    return await work(pool);
  } finally {
    await lv.storage.stopPool(pool).catch(() => undefined);
  }
}

/**
 * Copies the original's UEFI variables next to them as "<clone>_VARS.fd" (libvirt's own naming).
 * Returns null when the original has none on disk yet (never started: libvirt makes them at the
 * first start). The copy is removed again with `removeNvramCopy` when the clone fails later.
 */
export async function copyNvram(lv: Libvirt, originalPath: string, cloneName: string): Promise<string | null> {
  const dir = path.dirname(originalPath);
  const name = path.basename(nvramCopyPath(originalPath, cloneName));
  return withDirectoryPool(lv, dir, async (pool) => {
    const source = await lv.storage.lookupVolume(pool, path.basename(originalPath)).catch(() => null);
    if (!source) return null;
    const info = await lv.storage.volumeInfo(source);
    const xml = new StorageVolume({ name, capacityBytes: Number(info.capacity), format: "raw" }).toXml();
    await lv.storage.cloneVolume(pool, xml, source);
    return path.join(dir, name);
  });
}

/** Where the clone's copy of the original's UEFI variables goes. */
export const nvramCopyPath = (originalPath: string, cloneName: string): string =>
  path.join(path.dirname(originalPath), `${cloneName}_VARS.fd`);

export async function removeNvramCopy(lv: Libvirt, copyPath: string): Promise<void> {
  await withDirectoryPool(lv, path.dirname(copyPath), async (pool) => {
    const vol = await lv.storage.lookupVolume(pool, path.basename(copyPath)).catch(() => null);
    if (vol) await lv.storage.deleteVolume(vol);
  });
}
