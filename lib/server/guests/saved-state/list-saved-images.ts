import "server-only";
import { SAVE_SUFFIX, type SavedImage } from "@/lib/guests/saved-state";
import { Domain, StorageVolume } from "@/lib/xml";
import { hostConnection } from "../../storage/storage-target";
import { directoryPools } from "./directory-pools";

/**
 * Saved states on a host: files ending in .save in its directory pools that libvirt reads as save
 * images (it refuses anything else), with the guest each one holds. Newest first.
 */
export async function listSavedImages(hostId: string): Promise<SavedImage[]> {
  const { lv } = await hostConnection(hostId);
  const images: SavedImage[] = [];
  for (const pool of await directoryPools(lv)) {
    await lv.storage.refreshPool(pool.ref).catch(() => undefined);
    for (const vol of await lv.storage.listVolumes(pool.ref)) {
      if (!vol.name.endsWith(SAVE_SUFFIX)) continue;
      const xml = await lv.storage.volumeXml(vol).catch(() => null);
      if (!xml) continue;
      const volume = StorageVolume.parse(xml);
      const guest = await lv.domains
        .saveImageXml(volume.targetPath ?? "")
        .then((x) => Domain.parse(x))
        .catch(() => null);
      if (!guest) continue;
      const savedAt = Number(volume.modifiedAt);
      images.push({
        pool: pool.name,
        volume: vol.name,
        guestName: guest.name ?? "",
        guestUuid: guest.uuid ?? "",
        sizeBytes: volume.allocationBytes ?? 0,
        savedAt: Number.isFinite(savedAt) && savedAt > 0 ? Math.round(savedAt * 1000) : null,
      });
    }
  }
  return images.sort((a, b) => (b.savedAt ?? 0) - (a.savedAt ?? 0));
}
