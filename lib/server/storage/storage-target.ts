import "server-only";
import { ErrorCode, isLibvirtError, type Libvirt } from "@/lib/libvirt";
import type { PoolRef, VolumeRef } from "@/lib/libvirt/api/storage";
import { db } from "../db";
import { notFound } from "../http/errors";
import { hostPool } from "../hosts/host-pool";

export type PoolTarget = { lv: Libvirt; pool: PoolRef; hostName: string };

export async function hostConnection(hostId: string, { forJobs = false } = {}): Promise<{ lv: Libvirt; hostName: string }> {
  const host = await db().host.findUnique({ where: { id: hostId } });
  if (!host) throw notFound("host");
  return { lv: forJobs ? await hostPool().forJobs(hostId) : await hostPool().get(hostId), hostName: host.name };
}

/** The host's connection and the pool's handle; a pool libvirt does not know is a 404. */
export async function resolvePool(hostId: string, name: string, options: { forJobs?: boolean } = {}): Promise<PoolTarget> {
  const { lv, hostName } = await hostConnection(hostId, options);
  try {
    return { lv, pool: await lv.storage.lookupPool(name), hostName };
  } catch (err) {
    if (isLibvirtError(err, ErrorCode.VIR_ERR_NO_STORAGE_POOL)) throw notFound("pool");
    throw err;
  }
}

export async function resolveVolume({ lv, pool }: PoolTarget, name: string): Promise<VolumeRef> {
  try {
    return await lv.storage.lookupVolume(pool, name);
  } catch (err) {
    if (isLibvirtError(err, ErrorCode.VIR_ERR_NO_STORAGE_VOL)) throw notFound("volume");
    throw err;
  }
}

/** How an audit row names a pool or volume (`target` is "pool" or "pool/volume"): by host name, so it reads well after they are gone. */
export async function storageLabel(hostId: string, target: string): Promise<string> {
  const host = await db().host.findUnique({ where: { id: hostId }, select: { name: true } });
  return `storage:${host?.name ?? hostId}/${target}`;
}

/** A pool of one host, as routes name it. */
export type PoolInput = { hostId: string; pool: string };
/** A volume in a pool of one host. */
export type VolumeInput = PoolInput & { volume: string };
