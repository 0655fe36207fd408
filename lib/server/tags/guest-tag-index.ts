import "server-only";
import { accessChanged } from "../auth/access-changed";
import { db } from "../db";

// The GuestTag table mirrors which guests carry which tag; the tags themselves live in each guest's libvirt
// metadata (lib/xml/domain/console-tags.ts). Grants on a tag are checked against this mirror.

/** Records the tags a guest carries now; `changed` names the tags added or removed since the mirror last saw it. */
export async function mirrorGuestTags(hostId: string, guestUuid: string, tags: readonly string[]): Promise<{ changed: string[] }> {
  return mirrorHostGuestTags(hostId, new Map([[guestUuid, tags]]));
}

/**
 * The same for many guests of one host at once (the guest list's first read of a host): one read of the
 * mirror, writes only for the guests whose tags differ.
 */
export async function mirrorHostGuestTags(hostId: string, guests: ReadonlyMap<string, readonly string[]>): Promise<{ changed: string[] }> {
  if (!guests.size) return { changed: [] };
  const rows = await db().guestTag.findMany({ where: { hostId, guestUuid: { in: [...guests.keys()] } } });
  const changed = new Set<string>();
  for (const [guestUuid, tags] of guests) {
    const before = rows.filter((r) => r.guestUuid === guestUuid).map((r) => r.tag);
    const differ = [...before.filter((t) => !tags.includes(t)), ...tags.filter((t) => !before.includes(t))];
    if (!differ.length) continue;
    await writeGuestTags(hostId, guestUuid, tags);
    for (const t of differ) changed.add(t);
  }
  return { changed: [...changed] };
}

async function writeGuestTags(hostId: string, guestUuid: string, tags: readonly string[]): Promise<void> {
  // Upserts, so two instances bringing the same guest in step at once both succeed.
  await db().$transaction([
    db().guestTag.deleteMany({ where: { hostId, guestUuid, tag: { notIn: [...tags] } } }),
    ...tags.map((tag) =>
      db().guestTag.upsert({
        where: { hostId_guestUuid_tag: { hostId, guestUuid, tag } },
        create: { hostId, guestUuid, tag },
        update: {},
      }),
    ),
  ]);
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
