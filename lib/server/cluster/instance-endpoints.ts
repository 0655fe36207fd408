import "server-only";
import { log } from "../log";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { z } from "zod";
import { readStateQuery } from "../consoles/serial-log/cluster-state";
import { serialLogState } from "../consoles/serial-log/service";
import { requestPathname } from "../http/front-door";
import { ownLatestTicks } from "../metrics/latest-ticks";
import { livePointsQuery } from "../metrics/peer-wire";
import { metricsCollector } from "../metrics/service";
import { hostLeases } from "./leases";
import { PEER_HEADER, verifyPeerCall } from "./peer-auth";

const MAX_BODY_BYTES = 16 * 1024;

type Answer = { status: number; body: unknown };
type Internal = { method: "GET" | "POST"; answer: (query: URLSearchParams, body: unknown) => Answer };

const parsed = <S extends z.ZodType>(schema: S, value: unknown): z.infer<S> | null => {
  const result = schema.safeParse(value);
  return result.success ? result.data : null;
};

/** What one instance asks of another (lib/server/cluster/ask-peer.ts). Each answer is about this instance alone. */
const internal: Record<string, Internal> = {
  // The live hour of a host this instance samples.
  "/internal/metrics/live": {
    method: "GET",
    answer: (query) => {
      const q = parsed(livePointsQuery, Object.fromEntries(query));
      if (!q) return { status: 422, body: { error: "hostId is required" } };
      if (!(hostLeases()?.holds(q.hostId) ?? true)) return { status: 409, body: { error: "This instance does not sample that host" } };
      const collector = metricsCollector();
      const points = q.uuid ? collector.guestPoints(q.hostId, q.uuid, q.from, q.to) : collector.hostPoints(q.hostId, q.from, q.to);
      return { status: 200, body: { points } };
    },
  },
  // How the reader of a guest console's serial log fares, for a host this instance holds.
  "/internal/serial-log/state": {
    method: "GET",
    answer: (query) => {
      const q = parsed(readStateQuery, Object.fromEntries(query));
      if (!q) return { status: 422, body: { error: "hostId, uuid and device are required" } };
      if (!(hostLeases()?.holds(q.hostId) ?? true)) return { status: 409, body: { error: "This instance does not read that host's logs" } };
      return { status: 200, body: { read: serialLogState(q.hostId, q.uuid, q.device) } };
    },
  },
  // The newest round of every host this instance samples.
  "/internal/metrics/latest": { method: "GET", answer: () => ({ status: 200, body: { ticks: ownLatestTicks(metricsCollector()) } }) },
};

function send(res: ServerResponse, { status, body }: Answer): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text), "Cache-Control": "no-store" });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error("too large"));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

async function serveInternal(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
  const endpoint = internal[pathname];
  if (!endpoint || req.method !== endpoint.method) return send(res, { status: 404, body: { error: "Not found" } });
  const body = endpoint.method === "POST" ? await readBody(req) : "";
  // Signed over the path with its query, as the caller sent it.
  if (!verifyPeerCall(req.headers[PEER_HEADER] as string | undefined, req.method, req.url ?? "", body)) {
    return send(res, { status: 403, body: { error: "Only other console instances may call this" } });
  }
  let json: unknown = null;
  try {
    json = body ? JSON.parse(body) : null;
  } catch {
    return send(res, { status: 400, body: { error: "The body is not JSON" } });
  }
  send(res, endpoint.answer(new URL(req.url ?? "/", "http://x").searchParams, json));
}

/**
 * Requests one instance makes of another, answered in server.ts before anything else: /internal/* (signed; a
 * load balancer in front should not pass them on).
 * Returns false for every other path.
 */
export function serveInstanceRequest(req: IncomingMessage, res: ServerResponse): boolean {
  const pathname = requestPathname(req.url);
  if (!pathname?.startsWith("/internal/")) return false;
  serveInternal(req, res, pathname).catch((err: Error) => {
    log.error(`internal request ${pathname} failed: ${err.message}`);
    if (!res.headersSent) send(res, { status: 500, body: { error: "failed" } });
    else res.destroy();
  });
  return true;
}
