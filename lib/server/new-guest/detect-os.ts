import "server-only";
import { detectFromIsoHeader, ISO_HEADER_BYTES, loadOsinfoDb, NotAnIsoError, readIsoIdentity } from "@/lib/osinfo";
import type { DetectedOs } from "@/lib/new-guest/types";
import { ApiError } from "../http/errors";
import { resolvePool, resolveVolume } from "../storage/storage-target";
import { osOption } from "./os-advice";
import type { VerbContext } from "../verb-context";

/**
 * Names the OS on an installer ISO from its first 64 KiB (volume descriptor), read through libvirt's
 * download stream, so the ISO may live on any host. No match is an answer too: the page then asks.
 */
export async function detectOs(
  _ctx: VerbContext,
  { hostId, pool: poolName, volume: volumeName }: { hostId: string; pool: string; volume: string },
): Promise<DetectedOs> {
  const target = await resolvePool(hostId, poolName, { forJobs: true });
  const volume = await resolveVolume(target, volumeName);
  const chunks: Buffer[] = [];
  for await (const chunk of await target.lv.storage.downloadStream(volume, 0n, BigInt(ISO_HEADER_BYTES))) chunks.push(chunk as Buffer);
  const header = Buffer.concat(chunks);
  try {
    const identity = readIsoIdentity(header);
    const match = detectFromIsoHeader(await loadOsinfoDb(), header);
    return { os: match ? osOption(match.os) : null, volumeLabel: identity.volumeId || null };
  } catch (err) {
    if (err instanceof NotAnIsoError) throw new ApiError(422, { key: "notIso", values: { name: volumeName } });
    throw err;
  }
}
