import "server-only";
import { accessChanged } from "../auth/access-changed";
import { db } from "../db";

// The GuestTag table mirrors which guests carry which tag; the tags themselves live in each guest's libvirt
// metadata (lib/xml/domain/console-tags.ts). Grants on a tag are checked against this mirror.

/** Records the tags a guest carries now; true when they differ from what the mirror held. */
export async function mirrorGuestTags(hostId: string, guestUuid: string, tags: readonly string[]): Promise<{ changed: string[] }> {
  const before = (await db().guestTag.findMany({ where: { hostId, guestUuid }, select: { tag: true } })).map((r) => r.tag);
  const changed = [...before.filter((t) => !tags.includes(t)), ...tags.filter((t) => !before.includes(t))];
  if (!changed.length) return { changed };
  await db().$transaction([
    db().guestTag.deleteMany({ where: { hostId, guestUuid } }),
    ...tags.map((tag) => db().guestTag.create({ data: { hostId, guestUuid, tag } })),
  ]);
  return { changed };
}

/** Forgets a guest that is gone (its tags went with its definition). */
export async function forgetGuestTags(hostId: string, guestUuid: string): Promise<void> {
  await db().guestTag.deleteMany({ where: { hostId, guestUuid } });
}

/**
 * After a guest's tags changed: everyone holding a grant on one of those tags may have gained or lost the
 * guest, so their live connections re-check (a lost guest's console closes; events follow the new grants).
 */
export async function tagAccessChanged(tags: readonly string[]): Promise<void> {
  if (!tags.length) return;
  const holders = await db().roleGrant.findMany({
    where: { scope: "tag", tag: { in: [...tags] } },
    select: { userId: true },
    distinct: ["userId"],
  });
  for (const { userId } of holders) await accessChanged(userId, "signed-out");
}
