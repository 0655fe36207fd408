import "server-only";
import { auditedTransaction } from "../audit";
import { db } from "../db";
import { notFound } from "../http/errors";
import { removeCredentials } from "./credentials";
import { sendHostCommand } from "./host-commands";
import type { VerbContext } from "../verb-context";

/** Forgets a host: its connection, its stored secrets and the grants on it. Its guests are not touched. */
export async function removeHost(ctx: VerbContext, { hostId: id }: { hostId: string }): Promise<void> {
  const host = await db().host.findUnique({ where: { id } });
  if (!host) throw notFound("host");
  await auditedTransaction(ctx, { action: "host.remove", target: `host:${host.name}`, details: { uri: host.uri } }, (tx) =>
    tx.host.delete({ where: { id } }),
  );
  await sendHostCommand({ hostId: id, action: "remove" });
  await removeCredentials(host.credentialsRef);
}
