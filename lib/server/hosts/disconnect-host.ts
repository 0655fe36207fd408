import "server-only";
import { audited } from "../audit";
import { instanceId } from "../cluster/instance";
import { db } from "../db";
import { notFound } from "../http/errors";
import { sendHostCommand } from "./host-commands";
import type { VerbContext } from "../verb-context";

/**
 * Closes a host's connections on every instance and parks it (no retries, also across restarts) until it is
 * reconnected. Audited.
 */
export async function disconnectHost(ctx: VerbContext, { hostId: id }: { hostId: string }): Promise<{ connected: false }> {
  const host = await db().host.findUnique({ where: { id } });
  if (!host) throw notFound("host");
  const parked = {
    state: "disconnected",
    since: new Date(),
    message: null,
    retryAt: null,
    parked: true,
    instanceId: instanceId(),
    updatedAt: new Date(),
  };
  await audited(ctx, { action: "host.disconnect", target: `host:${host.name}`, details: {} }, async () => {
    await db().hostState.upsert({ where: { hostId: id }, create: { hostId: id, ...parked }, update: parked });
    await sendHostCommand({ hostId: id, action: "park" });
  });
  return { connected: false };
}
