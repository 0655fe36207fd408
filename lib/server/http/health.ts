import "server-only";
import type { ServerResponse } from "node:http";
import { isStopping } from "../cluster/instance";
import { db } from "../db";
import { processSingleton } from "../process-singleton";

/**
 * /healthz: the process answers. /readyz: it can serve people — the database answers, migrations are applied, the
 * host connections were started and it is not stopping (503 from the moment a graceful stop begins, so a load
 * balancer sends nothing new here). Both without a session (load balancers ask) and without detail an attacker
 * could use: one word and a status.
 */
const started = () => processSingleton("health-started", () => ({ migrations: false, hosts: false }));

export function markStarted(part: keyof ReturnType<typeof started>): void {
  started()[part] = true;
}

export async function isReady(): Promise<boolean> {
  const s = started();
  if (!s.migrations || !s.hosts || isStopping()) return false;
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
