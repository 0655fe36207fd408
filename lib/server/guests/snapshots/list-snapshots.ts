import "server-only";
import { DOMAIN_STATE_NAMES } from "@/lib/libvirt/api/domains";
import { snapshotOptions, type SnapshotListResponse } from "@/lib/snapshots/model";
import { resolveGuest } from "../guest-target";
import { libvirtVersion, liveDomain, readSnapshots, snapshotGuestFacts, volumeDiskFiles } from "./snapshot-facts";

/** The guest's snapshots, which kinds it can take now and the host's libvirt version. Reading only: not audited. */
export async function listSnapshots(hostId: string, uuid: string): Promise<SnapshotListResponse> {
  const { lv, dom } = await resolveGuest(hostId, uuid);
  const [snapshots, domain, state, version] = await Promise.all([
    readSnapshots(lv, dom, hostId, uuid),
    liveDomain(lv, dom),
    lv.domains.info(dom),
    libvirtVersion(lv),
  ]);
  const facts = snapshotGuestFacts(domain, stateName(state.state), await volumeDiskFiles(lv, domain));
  return { snapshots, options: snapshotOptions(facts), libvirtVersion: version };
}

export function stateName(state: number): string {
  return DOMAIN_STATE_NAMES[state] ?? "nostate";
}
