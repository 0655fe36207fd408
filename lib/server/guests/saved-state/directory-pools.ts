import "server-only";
import path from "node:path";
import type { Libvirt } from "@/lib/libvirt";
import type { PoolRef } from "@/lib/libvirt/api/storage";
import { ApiError } from "../../http/errors";
import { StoragePool } from "@/lib/xml";

export type DirectoryPool = { ref: PoolRef; name: string; targetPath: string; availableBytes: number };

// Pools whose volumes are files in one directory: libvirt writes a save image to a path, not a volume.
const DIRECTORY_TYPES = new Set(["dir", "fs", "netfs"]);

/** The host's running pools that have a directory, by name. */
export async function directoryPools(lv: Libvirt): Promise<DirectoryPool[]> {
  const found: DirectoryPool[] = [];
  for (const pool of await lv.storage.listPools()) {
    if (!pool.active) continue;
    const xml = StoragePool.parse(await lv.storage.poolXml(pool.ref));
    if (!xml.type || !DIRECTORY_TYPES.has(xml.type) || !xml.targetPath) continue;
    const info = await lv.storage.poolInfo(pool.ref);
    found.push({ ref: pool.ref, name: pool.name, targetPath: xml.targetPath, availableBytes: Number(info.available) });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

export async function directoryPool(lv: Libvirt, name: string): Promise<DirectoryPool> {
  const pool = (await directoryPools(lv)).find((p) => p.name === name);
  if (!pool) throw new ApiError(422, { key: "notDirectoryPool", values: { name } }, { pool: { key: "chooseDirectoryPool" } });
  return pool;
}

/** Volume names are checked by zod (no slashes, no '..'), so the file stays inside the pool's directory. */
export function fileInPool(pool: DirectoryPool, file: string): string {
  return path.join(pool.targetPath, file);
}
