import "server-only";
import { db, type Db } from "./db";
import { newId } from "./ids";
import { currentRequestId } from "./request-context";

type Tx = Pick<Db, "auditLog">;

export type AuditEntry = {
  /** With `token` when the actor used an API token: the row says so ("via token"). */
  actor: { id: string | null; username: string; token?: { id: string; name: string } };
  action: string;
  target?: string;
  details?: Record<string, unknown>;
  result: "ok" | "denied" | "error";
  ip?: string;
};

/** Writes one audit row; pass the transaction client so the row commits with the change it describes. */
export async function audit(entry: AuditEntry, tx: Tx = db()): Promise<void> {
  await tx.auditLog.create({
    data: {
      id: newId(),
      actorId: entry.actor.id,
      actor: entry.actor.username,
      action: entry.action,
      target: entry.target ?? "",
      details: JSON.stringify(entry.details ?? {}),
      result: entry.result,
      ip: entry.ip ?? "",
      requestId: currentRequestId() ?? "",
      via: entry.actor.token ? tokenVia(entry.actor.token) : "",
    },
  });
}

/** How an audit row names the API token an actor used. */
export const tokenVia = (token: { id: string; name: string }) => `token:${token.id}:${token.name}`;
