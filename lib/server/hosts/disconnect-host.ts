import "server-only";
import type { Actor } from "../auth/session";
import { audit } from "../audit";
import { instanceId } from "../cluster/instance";
import { db } from "../db";
import { notFound } from "../http/errors";
import { sendHostCommand } from "./host-commands";

/**
 * Closes a host's connections on every instance and parks it (no retries, also across restarts) until it is
 * reconnected. Audited.
 */
export async function disconnectHost(actor: Actor, ip: string, id: string): Promise<{ connected: false }> {
  const host = await db().host.findUnique({ where: { id } });
  if (!host) throw notFound("Host");
  const parked = {
    state: "disconnected",
    since: new Date(),
    message: null,
    retryAt: null,
    parked: true,
    instanceId: instanceId(),
    updatedAt: new Date(),
  };
  await db().hostState.upsert({ where: { hostId: id }, create: { hostId: id, ...parked }, update: parked });
  await sendHostCommand({ hostId: id, action: "park" });
  await audit({ actor, action: "host.disconnect", target: `host:${host.name}`, details: {}, result: "ok", ip });
  return { connected: false };
}
