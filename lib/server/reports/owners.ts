import "server-only";
import type { Db } from "../db";

/**
 * Who created each guest, by UUID. The console keeps no owner column, so the owner is the actor of the
 * guest's successful "guest.create" audit row, whose target ends with the new guest's UUID in brackets
 * (the newest such row, should a UUID come back). Guests made outside the console (virsh, virt-manager)
 * or by cloning (its audit row names the source guest) have no owner here.
 */
export async function guestOwners(db: Db): Promise<Map<string, string>> {
  const rows = await db.auditLog.findMany({
    where: { action: "guest.create", result: "ok" },
    select: { actor: true, target: true },
    orderBy: { at: "asc" },
  });
  const owners = new Map<string, string>();
  for (const r of rows) {
    const uuid = /\(([0-9a-f-]{36})\)$/i.exec(r.target)?.[1];
    if (uuid) owners.set(uuid.toLowerCase(), r.actor);
  }
  return owners;
}
