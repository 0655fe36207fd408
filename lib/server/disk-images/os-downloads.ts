import "server-only";
import { listCloudImages, type CloudImage } from "@/lib/osinfo/cloud-images";
import { hostConnection } from "../storage/storage-target";

/**
 * "Download an OS": the ready-made disk images osinfo-db (and the local osinfo directory) list for the host's
 * architecture, by OS name. The download itself is an ordinary URL import (guarded fetch, checksum, conversion).
 */
export async function osDownloads({ hostId }: { hostId: string }): Promise<{ arch: string; images: CloudImage[] }> {
  const { lv } = await hostConnection(hostId);
  const arch = (await lv.host.nodeInfo()).model;
  const images = listCloudImages()
    .filter((i) => i.arch === arch)
    .sort((a, b) => a.osName.localeCompare(b.osName, "en", { numeric: true }) || a.format.localeCompare(b.format));
  return { arch, images };
}
