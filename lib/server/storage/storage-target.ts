import "server-only";
import { ErrorCode, isLibvirtError, type Libvirt } from "@/lib/libvirt";
import type { PoolRef, VolumeRef } from "@/lib/libvirt/api/storage";
import type { Actor } from "../auth/session";
import { audit } from "../audit";
import { db } from "../db";
import { notFound } from "../http/errors";
import { hostPool } from "../hosts/host-pool";

export type PoolTarget = { lv: Libvirt; pool: PoolRef; hostName: string };

export async function hostConnection(hostId: string, { forJobs = false } = {}): Promise<{ lv: Libvirt; hostName: string }> {
  const host = await db().host.findUnique({ where: { id: hostId } });
  if (!host) throw notFound("Host");
  return { lv: forJobs ? await hostPool().forJobs(hostId) : await hostPool().get(hostId), hostName: host.name };
}

/** The host's connection and the pool's handle; a pool libvirt does not know is a 404. */
export async function resolvePool(hostId: string, name: string, options: { forJobs?: boolean } = {}): Promise<PoolTarget> {
  const { lv, hostName } = await hostConnection(hostId, options);
  try {
    return { lv, pool: await lv.storage.lookupPool(name), hostName };
  } catch (err) {
    if (isLibvirtError(err, ErrorCode.VIR_ERR_NO_STORAGE_POOL)) throw notFound("Storage pool");
    throw err;
  }
}

export async function resolveVolume({ lv, pool }: PoolTarget, name: string): Promise<VolumeRef> {
  try {
    return await lv.storage.lookupVolume(pool, name);
  } catch (err) {
    if (isLibvirtError(err, ErrorCode.VIR_ERR_NO_STORAGE_VOL)) throw notFound("Volume");
    throw err;
  }
}

type StorageChange = { actor: Actor; ip: string; action: string; hostId: string; target: string; details?: Record<string, unknown> };

/**
 * Runs a storage change and writes its audit row either way ("ok", or "error" with libvirt's message).
 * `target` names pool (and volume) so the log reads well after they are gone.
 */
export async function auditedStorageChange<T>(change: StorageChange, run: () => Promise<T>): Promise<T> {
  const host = await db().host.findUnique({ where: { id: change.hostId }, select: { name: true } });
  const target = `storage:${host?.name ?? change.hostId}/${change.target}`;
  try {
    const result = await run();
    await audit({ actor: change.actor, action: change.action, target, details: change.details, result: "ok", ip: change.ip });
    return result;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await audit({
      actor: change.actor,
      action: change.action,
      target,
      details: { ...change.details, error: message },
      result: "error",
      ip: change.ip,
    });
    throw err;
  }
}
