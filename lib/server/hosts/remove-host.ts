import "server-only";
import type { Actor } from "../auth/session";
import { audit } from "../audit";
import { db } from "../db";
import { notFound } from "../http/errors";
import { removeCredentials } from "./credentials";
import { sendHostCommand } from "./host-commands";

/** Forgets a host: its connection, its stored secrets and the grants on it. Its guests are not touched. */
export async function removeHost(actor: Actor, ip: string, id: string): Promise<void> {
  const host = await db().host.findUnique({ where: { id } });
  if (!host) throw notFound("Host");
  await db().$transaction(async (tx) => {
    await tx.host.delete({ where: { id } });
    await audit({ actor, action: "host.remove", target: `host:${host.name}`, details: { uri: host.uri }, result: "ok", ip }, tx);
  });
  await sendHostCommand({ hostId: id, action: "remove" });
  await removeCredentials(host.credentialsRef);
}
