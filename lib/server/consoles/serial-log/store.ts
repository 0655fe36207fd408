import "server-only";
import { db } from "../../db";

export type LogKey = { hostId: string; guestUuid: string; device: string };

export async function readCursor(key: LogKey): Promise<{ path: string; offset: number } | null> {
  const row = await db().serialLogCursor.findUnique({ where: { hostId_guestUuid_device: key } });
  return row ? { path: row.path, offset: Number(row.offset) } : null;
}

/**
 * Stores lines read from `path` and moves the cursor from byte offset `from` to `to` (back to 0 after the
 * file was rotated), in one transaction, only if the cursor still stands at `from`: else another reader
 * (another instance) got there first and stored these lines, and this returns false. A cursor on another
 * path (the device logs elsewhere now) moves only with `from` 0.
 */
export async function commitLines(key: LogKey, path: string, from: number, to: number, lines: string[], at: Date): Promise<boolean> {
  try {
    return await db().$transaction(async (tx) => {
      const existing = await tx.serialLogCursor.findUnique({ where: { hostId_guestUuid_device: key } });
      let moved = 0;
      if (!existing) {
        if (from !== 0) throw new LostRace();
        await tx.serialLogCursor.create({ data: { ...key, path, offset: BigInt(to) } });
        moved = 1;
      } else if (existing.path !== path) {
        if (from === 0)
          moved = (
            await tx.serialLogCursor.updateMany({
              where: { ...key, path: existing.path, offset: existing.offset },
              data: { path, offset: BigInt(to) },
            })
          ).count;
      } else {
        moved = (await tx.serialLogCursor.updateMany({ where: { ...key, path, offset: BigInt(from) }, data: { offset: BigInt(to) } }))
          .count;
      }
      if (moved !== 1) throw new LostRace();
      if (lines.length) await tx.serialLogLine.createMany({ data: lines.map((text) => ({ ...key, at, text })) });
      return true;
    });
  } catch (err) {
    // P2002: another reader created the cursor at the same moment.
    if (err instanceof LostRace || (err as { code?: string }).code === "P2002") return false;
    throw err;
  }
}

class LostRace extends Error {}

/** Keeps the newest `max` lines of one guest console. */
export async function trimLines(key: LogKey, max: number): Promise<void> {
  const cutoff = await db().serialLogLine.findFirst({ where: key, orderBy: { id: "desc" }, skip: max, select: { id: true } });
  if (cutoff) await db().serialLogLine.deleteMany({ where: { ...key, id: { lte: cutoff.id } } });
}

/** Drops lines older than `days`. */
export async function expireLines(days: number, now = Date.now()): Promise<number> {
  return (await db().serialLogLine.deleteMany({ where: { at: { lt: new Date(now - days * 86_400_000) } } })).count;
}
