import "server-only";
import { canOnHostOrItsGuests, canSeeHost, type Grant } from "@/lib/roles";
import { parseStoredTags } from "@/lib/validations/tags";
import { db } from "./db";

/** Hosts the person may see (canSeeHost): a global grant, or a host grant on them. */
export async function listVisibleHosts(grants: readonly Grant[]) {
  const hosts = await db().host.findMany({ orderBy: { name: "asc" } });
  return hosts.filter((h) => canSeeHost(grants, h.id)).map((h) => ({ id: h.id, name: h.name, uri: h.uri, tags: parseStoredTags(h.tags) }));
}

/** Hosts where the person may see at least one guest (a guest grant is enough): only their id and name, the label beside those guests. */
export async function listGuestHosts(grants: readonly Grant[]) {
  const hosts = await db().host.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
  return hosts.filter((h) => canOnHostOrItsGuests(grants, "guest.view", h.id));
}

/** The name of one host where the person may see a guest, or null (no such host, or none of its guests are theirs). */
export async function guestHostName(grants: readonly Grant[], hostId: string): Promise<string | null> {
  if (!canOnHostOrItsGuests(grants, "guest.view", hostId)) return null;
  return (await db().host.findUnique({ where: { id: hostId }, select: { name: true } }))?.name ?? null;
}
