import "server-only";
import { uuidFromString, type Libvirt } from "@/lib/libvirt";
import type { DomainRef } from "@/lib/libvirt/api/domains";
import { flagSet } from "@/lib/libvirt/flag-set";
import { VirDomainXMLFlags } from "@/lib/libvirt/generated/flags";
import { Domain } from "@/lib/xml";
import { diskVolume } from "../guests/clone/plan-clone";
import { hostPool } from "../hosts/host-pool";

const INACTIVE = flagSet(VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE);

/** The space (capacity) of a guest's writable disks held in storage pools, bytes; removable media and read-only disks are left out. */
export async function guestDiskBytes(lv: Libvirt, dom: DomainRef): Promise<number> {
  const domain = Domain.parse(await lv.domains.xml(dom, INACTIVE));
  let bytes = 0;
  for (const disk of domain.devices.disks) {
    if (disk.device === "cdrom" || disk.device === "floppy" || disk.readonly) continue;
    const vol = await diskVolume(lv, disk);
    if (vol) bytes += Number((await lv.storage.volumeInfo(vol)).capacity);
  }
  return bytes;
}

/** Per "hostId/uuid", the guests' disk space now; a host or guest that cannot be read is left out. Hosts in parallel, guests one by one. */
export async function guestDisks(perHost: readonly { hostId: string; uuids: readonly string[] }[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  await Promise.all(
    perHost.map(async ({ hostId, uuids }) => {
      const lv = await hostPool()
        .get(hostId)
        .catch(() => null);
      if (!lv) return;
      for (const uuid of uuids) {
        try {
          out.set(`${hostId}/${uuid}`, await guestDiskBytes(lv, await lv.domains.lookupByUuid(uuidFromString(uuid))));
        } catch {
          // gone or unreadable: its disk space is not known
        }
      }
    }),
  );
  return out;
}
