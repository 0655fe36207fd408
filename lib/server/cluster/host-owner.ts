import "server-only";
import { db } from "../db";
import { DEAD_AFTER_MS } from "./instance";

/** The instance holding a host's lease now, with the address it is reached on, or null (none, or it is gone). */
export async function hostOwner(hostId: string, now = Date.now()): Promise<{ instanceId: string; address: string } | null> {
  const lease = await db().hostLease.findUnique({ where: { hostId }, select: { instanceId: true, expiresAt: true } });
  if (!lease || lease.expiresAt.getTime() <= now) return null;
  const instance = await db().instance.findUnique({ where: { id: lease.instanceId }, select: { address: true, heartbeatAt: true } });
  if (!instance || !instance.address || instance.heartbeatAt.getTime() <= now - DEAD_AFTER_MS) return null;
  return { instanceId: lease.instanceId, address: instance.address };
}
