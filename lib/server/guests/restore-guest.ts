import "server-only";
import type { Actor } from "../auth/session";
import { audit } from "../audit";
import { db } from "../db";
import { notFound } from "../http/errors";
import { hostPool } from "../hosts/host-pool";

/** Starts a guest again from a file written by a save (virsh restore). */
export async function restoreGuest(actor: Actor, ip: string, hostId: string, path: string): Promise<void> {
  const host = await db().host.findUnique({ where: { id: hostId } });
  if (!host) throw notFound("Host");
  try {
    const lv = await hostPool().forJobs(hostId);
    await lv.domains.restore(path);
    await audit({ actor, action: "guest.restore", target: `host:${host.name}`, details: { path }, result: "ok", ip });
  } catch (err) {
    await audit({ actor, action: "guest.restore", target: `host:${host.name}`, details: { path, error: (err as Error).message }, result: "error", ip });
    throw err;
  }
}
