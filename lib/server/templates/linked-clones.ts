import "server-only";
import { uuidToString, type Libvirt } from "@/lib/libvirt";
import type { DomainRef } from "@/lib/libvirt/api/domains";
import { VirConnectGetAllDomainStatsFlags as StatsFlags, VirDomainStatsTypes, VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import { backingUsers, dependentsOf, namesList, type BackingUser } from "@/lib/templates/backing-chains";
import { Domain } from "@/lib/xml";
import { ApiError } from "../http/errors";

/**
 * Every guest's disk chains on the host in one call (GET_ALL_DOMAIN_STATS, block group, backing layers
 * included): each base image's path → the guests whose disks are overlays on it.
 */
export async function readBackingUsers(lv: Libvirt): Promise<Map<string, BackingUser[]>> {
  const records = await lv.domains.allStats(
    VirDomainStatsTypes.VIR_DOMAIN_STATS_BLOCK,
    StatsFlags.VIR_CONNECT_GET_ALL_DOMAINS_STATS_BACKING,
  );
  return backingUsers(records.map((r) => ({ uuid: uuidToString(r.domain.uuid), name: r.name, stats: r.stats })));
}

/** The host paths of a guest's own disk files (its saved definition: the disks it will have). */
export async function diskPaths(lv: Libvirt, dom: DomainRef): Promise<string[]> {
  const domain = Domain.parse(await lv.domains.xml(dom, VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE));
  return domain.devices.disks.items.flatMap((d) =>
    d.device === "cdrom" || d.device === "floppy" ? [] : [d.sourceFile ?? d.sourceDev ?? []].flat(),
  );
}

/** The guests whose disks are built on this guest's disks (its linked clones). */
export async function linkedClonesOf(lv: Libvirt, dom: DomainRef): Promise<BackingUser[]> {
  const [users, paths] = await Promise.all([readBackingUsers(lv), diskPaths(lv, dom)]);
  return dependentsOf(users, paths, uuidToString(dom.uuid));
}

/** Refuses (409) when guests are built on these base images, naming them: `what` says what was asked of `name`. */
export function refuseWhileDependents(dependents: readonly BackingUser[], what: "delete" | "stayTemplate", name: string): void {
  if (!dependents.length) return;
  throw new ApiError(409, {
    key: "linkedClonesBlock",
    values: { what, name, clones: namesList(dependents), count: dependents.length },
  });
}
