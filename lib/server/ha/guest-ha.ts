import "server-only";
import { db } from "../db";
import type { VerbContext } from "../verb-context";

/** Whether a guest is marked highly available, and when its kept definition was last brought up to date. */
export async function guestHa(
  _ctx: VerbContext,
  { uuid }: { hostId: string; uuid: string },
): Promise<{ highlyAvailable: boolean; keptAt: number | null }> {
  const row = await db().haGuest.findUnique({ where: { uuid }, select: { updatedAt: true } });
  return { highlyAvailable: row !== null, keptAt: row?.updatedAt.getTime() ?? null };
}
