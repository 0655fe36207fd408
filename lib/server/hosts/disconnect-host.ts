import "server-only";
import type { Actor } from "../auth/session";
import { audit } from "../audit";
import { db } from "../db";
import { notFound } from "../http/errors";
import { hostPool } from "./host-pool";

/** Closes a host's connections and parks it (no retries) until it is reconnected. Audited. */
export async function disconnectHost(actor: Actor, ip: string, id: string): Promise<{ connected: false }> {
  const host = await db().host.findUnique({ where: { id } });
  if (!host) throw notFound("Host");
  await hostPool().disconnect(id);
  await audit({ actor, action: "host.disconnect", target: `host:${host.name}`, details: {}, result: "ok", ip });
  return { connected: false };
}
