import "server-only";
import type { GuestRef } from "@/lib/guests/types";
import type { RecoveryDiskView } from "@/lib/guest-backups/types";
import { db } from "../db";
import { ApiError } from "../http/errors";
import type { VerbContext } from "../verb-context";
import { chainOf, type PointRow } from "./backup-facts";

/** The disks of restore points attached to this guest for recovery, oldest first. */
export async function listRecoveryDisks(_ctx: VerbContext, { hostId, uuid }: GuestRef): Promise<RecoveryDiskView[]> {
  const rows = await db().guestBackupAttachment.findMany({ where: { hostId, guestUuid: uuid }, orderBy: { createdAt: "asc" } });
  const points = await db().guestBackupPoint.findMany({ where: { id: { in: rows.map((r) => r.pointId) } } });
  return rows.map((r) => {
    const point = points.find((p) => p.id === r.pointId);
    return {
      id: r.id,
      targetDev: r.targetDev,
      sourceGuest: point?.guestName ?? r.sourceUuid,
      sourceDisk: r.sourceDisk,
      pointId: r.pointId,
      pointTakenAt: point?.createdAt.getTime() ?? 0,
      volume: r.volume,
      pool: r.pool,
      attachedAt: r.createdAt.getTime(),
    };
  });
}

/**
 * Refused while the point, or a point built on it, is attached to a guest: the attached disk reads the
 * point's files and its ancestors' (removing one, or merging it into its child, would pull them away).
 */
export async function refuseWhileAttached(row: PointRow): Promise<void> {
  const held = await heldPoints(row.hostId, row.guestUuid);
  const by = held.get(row.id);
  if (by) throw new ApiError(409, { key: "pointInRecovery", values: { guest: by } });
}

/** Points of the guest that attached recovery disks read (each attached point and the points it builds on), with who holds them. */
export async function heldPoints(hostId: string, uuid: string): Promise<Map<string, string>> {
  const held = new Map<string, string>();
  for (const a of await db().guestBackupAttachment.findMany({ where: { hostId, sourceUuid: uuid } })) {
    const point = await db().guestBackupPoint.findUnique({ where: { id: a.pointId } });
    if (!point) continue;
    for (const p of await chainOf(point)) if (!held.has(p.id)) held.set(p.id, `${a.guestName} as ${a.targetDev}`);
  }
  return held;
}
