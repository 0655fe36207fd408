import "server-only";
import type { ServerResponse } from "node:http";
import { db } from "../db";

/**
 * /healthz: the process answers. /readyz: it can serve people — the database answers, migrations are applied and
 * the host connections were started. Both without a session (load balancers ask) and without detail an attacker
 * could use: one word and a status.
 */
const started = { migrations: false, hosts: false };

export function markStarted(part: keyof typeof started): void {
  started[part] = true;
}

export async function isReady(): Promise<boolean> {
  if (!started.migrations || !started.hosts) return false;
  try {
    await db().$queryRawUnsafe("SELECT 1");
    return true;
  } catch {
    return false;
  }
}

export const healthPaths = new Set(["/healthz", "/readyz"]);

export async function answerHealth(pathname: string, res: ServerResponse): Promise<void> {
  const ok = pathname === "/healthz" || (await isReady());
  const body = pathname === "/healthz" ? "ok" : ok ? "ready" : "not ready";
  res.writeHead(ok ? 200 : 503, { "Content-Type": "text/plain", "Cache-Control": "no-store", "Content-Length": body.length });
  res.end(body);
}
