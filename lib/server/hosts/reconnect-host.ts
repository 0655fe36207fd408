import "server-only";
import { auditRow } from "../audit";
import { db } from "../db";
import { notFound } from "../http/errors";
import { sendHostCommand } from "./host-commands";
import { hostPool } from "./host-pool";
import type { VerbContext } from "../verb-context";

/**
 * Opens a host's connection again now (also a parked one), on every instance. A failure is not an HTTP
 * error: the answer carries libvirt's (or SSH's) message, the holder of the host's lease keeps retrying,
 * and the audit row says "error".
 */
export async function reconnectHost(
  ctx: VerbContext,
  { hostId: id }: { hostId: string },
): Promise<{ connected: boolean; message?: string }> {
  const host = await db().host.findUnique({ where: { id } });
  if (!host) throw notFound("host");
  await db().hostState.updateMany({
    where: { hostId: id },
    data: { parked: false, state: "connecting", since: new Date(), updatedAt: new Date() },
  });
  await sendHostCommand({ hostId: id, action: "reconnect" });
  let error: string | undefined;
  await hostPool()
    .get(id)
    .catch((err: unknown) => void (error = err instanceof Error ? err.message : String(err)));
  // Not thrown: the answer carries the failure, and the row says "error".
  await auditRow(ctx, { action: "host.reconnect", target: `host:${host.name}`, details: error ? { error } : {} }, error ? "error" : "ok");
  return error ? { connected: false, message: error } : { connected: true };
}
