import "server-only";
import { can, type Grant } from "@/lib/roles";
import { db } from "./db";

/** Hosts the person may see: all with a global grant, otherwise those a host or guest grant names. */
export async function listVisibleHosts(grants: readonly Grant[]) {
  const hosts = await db().host.findMany({ orderBy: { name: "asc" } });
  return hosts
    .filter((h) => can(grants, "guest.view", { kind: "host", hostId: h.id }) || grants.some((g) => g.hostId === h.id))
    .map((h) => ({ id: h.id, name: h.name, uri: h.uri }));
}
