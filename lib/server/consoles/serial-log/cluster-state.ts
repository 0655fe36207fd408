import "server-only";
import { log } from "../../log";
import { z } from "zod";
import { askPeer } from "../../cluster/ask-peer";
import { hostOwner } from "../../cluster/host-owner";
import { instanceId } from "../../cluster/instance";
import { hostLeases } from "../../cluster/leases";
import type { ReadState } from "./host-logs";
import { serialLogState } from "./service";

/** The query of /internal/serial-log/state. */
export const readStateQuery = z.object({ hostId: z.string().min(1), uuid: z.string().min(1), device: z.string().min(1) });

const readStateAnswer = z.object({
  read: z.object({ state: z.enum(["reading", "waiting", "unreadable"]), path: z.string(), message: z.string().optional() }).nullable(),
});

/**
 * How the reader of one guest console's log fares, asked on any instance: this instance's own reader for the
 * hosts it holds, otherwise the instance that holds the host, over HTTP. Null when nobody reads it (yet), or
 * the holder cannot be asked.
 */
export async function clusterSerialLogState(hostId: string, uuid: string, device: string): Promise<ReadState | null> {
  const leases = hostLeases();
  if (!leases || leases.holds(hostId)) return serialLogState(hostId, uuid, device);
  const owner = await hostOwner(hostId);
  if (!owner || owner.instanceId === instanceId()) return null;
  try {
    const query = new URLSearchParams({ hostId, uuid, device });
    return (await askPeer(owner.address, `/internal/serial-log/state?${query}`, readStateAnswer)).read;
  } catch (err) {
    log.error(`serial logs: the reader's state from ${owner.address}: ${(err as Error).message}`);
    return null;
  }
}
