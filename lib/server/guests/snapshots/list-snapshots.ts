import "server-only";
import { can } from "@/lib/roles";
import { db } from "../../db";
import { DOMAIN_STATE_NAMES } from "@/lib/libvirt/api/domains";
import { snapshotOptions, type SnapshotListResponse } from "@/lib/snapshots/model";
import type { GuestRef } from "@/lib/guests/types";
import type { VerbContext } from "../../verb-context";
import { resolveGuest } from "../guest-target";
import { requireHardwareView } from "../hardware/access";
import { libvirtVersion, liveDomain, readSnapshots, snapshotGuestFacts, volumeDiskFiles } from "./snapshot-facts";

/**
 * The guest's snapshots, which kinds it can take now, the host's libvirt version and which of them the reader took,
 * for those who may inspect the guest (like its hardware and XML) or take its snapshots. Reading only: not audited.
 */
export async function listSnapshots({ actor }: VerbContext, { hostId, uuid }: GuestRef): Promise<SnapshotListResponse> {
  // Those who may take snapshots (the portal's people) see the list too, to act on the ones they took.
  if (!can(actor.grants, "guest.snapshot", { kind: "guest", hostId, guestUuid: uuid })) requireHardwareView(actor.grants, hostId, uuid);
  const { lv, dom } = await resolveGuest(hostId, uuid);
  const [snapshots, domain, state, version] = await Promise.all([
    readSnapshots(lv, dom, hostId, uuid),
    liveDomain(lv, dom),
    lv.domains.info(dom),
    libvirtVersion(lv),
  ]);
  const facts = snapshotGuestFacts(domain, stateName(state.state), await volumeDiskFiles(lv, domain));
  const yours = await db().snapshotOwner.findMany({ where: { hostId, guestUuid: uuid, userId: actor.id }, select: { name: true } });
  return { snapshots, options: snapshotOptions(facts), libvirtVersion: version, yours: yours.map((o) => o.name) };
}

export function stateName(state: number): string {
  return DOMAIN_STATE_NAMES[state] ?? "nostate";
}
