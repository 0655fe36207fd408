import "server-only";
import type { Readable } from "node:stream";
import { StorageVolume } from "@/lib/xml";
import { resolvePool, resolveVolume } from "./storage-target";

/**
 * A volume's bytes through libvirt's download stream, on the host's jobs connection so a long download
 * does not hold up the console's other calls. Raw volumes have a known length (their capacity).
 */
export async function downloadVolume(hostId: string, poolName: string, name: string): Promise<{ stream: Readable; length: number | null }> {
  const target = await resolvePool(hostId, poolName, { forJobs: true });
  const volume = await resolveVolume(target, name);
  const xml = StorageVolume.parse(await target.lv.storage.volumeXml(volume));
  const stream = await target.lv.storage.downloadStream(volume);
  return { stream, length: xml.format === "raw" || xml.format === "iso" ? (xml.capacityBytes ?? null) : null };
}
