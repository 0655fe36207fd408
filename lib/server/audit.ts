import "server-only";
import type { AuditAction, AuditResult } from "@/lib/audit/actions";
import { db, type Db } from "./db";
import { newId } from "./ids";
import { currentRequestId } from "./request-context";

type Tx = Pick<Db, "auditLog">;
/** The client a transaction hands its callback. */
export type TxClient = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export type AuditEntry = {
  /** With `token` when the actor used an API token: the row says so ("via token"). */
  actor: { id: string | null; username: string; token?: { id: string; name: string } };
  action: AuditAction;
  target?: string;
  details?: Record<string, unknown>;
  result: AuditResult;
  ip?: string;
};

/** Who an audit row names: a verb's context, or (signing in) a person not yet signed in. */
export type AuditContext = { actor: AuditEntry["actor"]; ip: string; requestId?: string };

/** What a change is: its action, what it acts on (a function when that is known only once the change ran), and details. */
export type AuditSubject = { action: AuditAction; target?: string | (() => string); details?: Record<string, unknown> };

/**
 * The one way a change is audited: runs `change` and writes its row either way, "ok", or "error" with
 * the message (libvirt's own when it refused), naming the actor, the client address and the request id.
 * `details` may be filled in by the change as it learns what it changed; it is read when the row is written.
 */
export async function audited<T>(ctx: AuditContext, subject: AuditSubject, change: () => Promise<T>): Promise<T> {
  try {
    const result = await change();
    await auditRow(ctx, subject, "ok");
    return result;
  } catch (err) {
    return auditFailure(ctx, subject, err);
  }
}

/**
 * A change made in one database transaction: its "ok" row commits with it, a failure writes an "error"
 * row after the rollback.
 */
export async function auditedTransaction<T>(ctx: AuditContext, subject: AuditSubject, change: (tx: TxClient) => Promise<T>): Promise<T> {
  try {
    return await db().$transaction(async (tx) => {
      const result = await change(tx);
      await auditRow(ctx, subject, "ok", tx);
      return result;
    });
  } catch (err) {
    return auditFailure(ctx, subject, err);
  }
}

/** The "error" row for a change refused before it ran (checks, a job that did not start); rethrows the refusal. */
export async function auditFailure(ctx: AuditContext, subject: AuditSubject, err: unknown): Promise<never> {
  const message = err instanceof Error ? err.message : String(err);
  await auditRow(ctx, { ...subject, details: { ...subject.details, error: message } }, "error");
  throw err;
}

/** One row for what is no change: a refused sign-in, an API call, a console session. */
export function auditRow(ctx: AuditContext, subject: AuditSubject, result: AuditEntry["result"], tx?: Tx): Promise<void> {
  const target = typeof subject.target === "function" ? subject.target() : subject.target;
  return audit({ actor: ctx.actor, action: subject.action, target, details: subject.details, result, ip: ctx.ip }, tx, ctx.requestId);
}

/** Writes one audit row; pass the transaction client so the row commits with the change it describes. */
async function audit(entry: AuditEntry, tx: Tx = db(), requestId?: string): Promise<void> {
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
      requestId: requestId || (currentRequestId() ?? ""),
      via: entry.actor.token ? tokenVia(entry.actor.token) : "",
    },
  });
}

/** How an audit row names the API token an actor used. */
export const tokenVia = (token: { id: string; name: string }) => `token:${token.id}:${token.name}`;
