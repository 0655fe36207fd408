import "server-only";
import { placeGuest } from "@/lib/host-clusters/placement";
import type { PlacementSuggestion } from "@/lib/host-clusters/types";
import { can } from "@/lib/roles";
import type { PlacementQuery } from "@/lib/validations/host-clusters";
import { db } from "../db";
import { notFound } from "../http/errors";
import type { VerbContext } from "../verb-context";
import { settingsOf } from "./cluster-view";
import { candidateOf, memberFacts } from "./member-facts";

/**
 * Where the cluster of `hostId` would place a new guest of this size and these tags, among the members the
 * person may create guests on; null with the reason when the host is in no cluster or no member can take it.
 */
export async function suggestPlacement(
  { actor }: VerbContext,
  { hostId, memoryMiB, vcpus, tags }: { hostId: string } & PlacementQuery,
): Promise<PlacementSuggestion> {
  const host = await db().host.findUnique({ where: { id: hostId }, select: { cluster: true } });
  if (!host) throw notFound("host");
  if (!host.cluster) return { hostId: null, reason: { key: "noCluster" } };
  const settings = settingsOf(host.cluster);
  const members = (await memberFacts(host.cluster)).filter((m) => can(actor.grants, "guest.manage", { kind: "host", hostId: m.id }));
  const result = placeGuest(members.map(candidateOf), settings, { memoryMiB, vcpus, tags });
  return result.ok
    ? { hostId: result.host.id, hostName: result.host.name, reason: result.reason }
    : { hostId: null, reason: result.reason };
}
