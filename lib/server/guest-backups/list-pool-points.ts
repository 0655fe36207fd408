import "server-only";
import type { PoolRestorePoint } from "@/lib/guest-backups/types";
import { db } from "../db";
import type { VerbContext } from "../verb-context";
import { toView } from "./backup-facts";

/**
 * The catalogue per backup target: every finished restore point in one pool, of every guest of its host
 * (including guests deleted since), newest first. Read by those who may see the host's storage.
 */
export async function listPoolPoints(_ctx: VerbContext, { hostId, pool }: { hostId: string; pool: string }): Promise<PoolRestorePoint[]> {
  const rows = await db().guestBackupPoint.findMany({ where: { hostId, pool, status: "done" }, orderBy: { createdAt: "desc" } });
  return rows.map((row) => ({ ...toView(row, null), guestUuid: row.guestUuid, guestName: row.guestName }));
}
