import "server-only";
import type { Actor } from "../auth/session";
import { audit } from "../audit";
import { db } from "../db";
import { notFound } from "../http/errors";
import { hostPool } from "./host-pool";

/** Disconnect parks the host (no retries) until reconnect; both are audited. */
export async function setHostConnection(actor: Actor, ip: string, id: string, action: "disconnect" | "reconnect"): Promise<{ connected: boolean; message?: string }> {
  const host = await db().host.findUnique({ where: { id } });
  if (!host) throw notFound("Host");
  let error: string | undefined;
  if (action === "disconnect") await hostPool().disconnect(id);
  else await hostPool().reconnect(id).catch((err: Error) => void (error = err.message));
  await audit({ actor, action: `host.${action}`, target: `host:${host.name}`, details: error ? { error } : {}, result: error ? "error" : "ok", ip });
  return { connected: action === "reconnect" && !error, ...(error ? { message: error } : {}) };
}
