import "server-only";
import { expandTagGrants, grantedTags, type Grant, type TaggedGuest } from "@/lib/roles";
import { db } from "../db";

// Grants on a tag reach the guests the GuestTag mirror (guest-tag-index.ts) says carry the tag. Read with the
// person (session, API token), so a guest tagged after the grant is reached at the next request.

/** The guests carrying any of `tags`, with those of their tags. */
export async function guestsTagged(tags: readonly string[]): Promise<TaggedGuest[]> {
  if (!tags.length) return [];
  const rows = await db().guestTag.findMany({ where: { tag: { in: [...tags] } } });
  const byGuest = new Map<string, TaggedGuest & { tags: string[] }>();
  for (const r of rows) {
    const key = `${r.hostId}/${r.guestUuid}`;
    let guest = byGuest.get(key);
    if (!guest) byGuest.set(key, (guest = { hostId: r.hostId, uuid: r.guestUuid, tags: [] }));
    guest.tags.push(r.tag);
  }
  return [...byGuest.values()];
}

/** A person's grants with their tag grants reaching the guests that carry the tag now (one query, none without tag grants). */
export async function withTaggedGuests(grants: Grant[]): Promise<Grant[]> {
  const tags = grantedTags(grants);
  return tags.length ? expandTagGrants(grants, await guestsTagged(tags)) : grants;
}
