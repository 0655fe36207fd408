import "server-only";
import type { Libvirt } from "@/lib/libvirt";
import type { VolumeUser } from "@/lib/storage/types";
import { Domain } from "@/lib/xml";

/**
 * Which guests use which storage: host path (or "pool/volume" for disks that name their pool) → guests.
 * Running guests are read from their live XML, so hot-plugged disks count.
 */
export async function volumeUsers(lv: Libvirt): Promise<Map<string, VolumeUser[]>> {
  const users = new Map<string, VolumeUser[]>();
  const domains = await lv.domains.list();
  await Promise.all(
    domains.map(async (d) => {
      // A guest that vanished meanwhile uses nothing.
      const xml = await lv.domains.xml(d.ref).catch(() => null);
      if (!xml) return;
      const running = d.id > 0;
      for (const disk of Domain.parse(xml).devices.disks.items) {
        const source =
          disk.sourceFile ??
          disk.sourceDev ??
          (disk.sourcePool && disk.sourceVolume ? `${disk.sourcePool}/${disk.sourceVolume}` : undefined);
        if (!source) continue;
        const list = users.get(source) ?? [];
        if (!list.some((u) => u.uuid === d.uuid)) list.push({ uuid: d.uuid, name: d.name, running });
        users.set(source, list);
      }
    }),
  );
  return users;
}

/** The guests using one volume, by its path or by pool and name. */
export function usersOf(users: Map<string, VolumeUser[]>, pool: string, volume: { name: string; path: string }): VolumeUser[] {
  return [...(users.get(volume.path) ?? []), ...(users.get(`${pool}/${volume.name}`) ?? [])];
}
