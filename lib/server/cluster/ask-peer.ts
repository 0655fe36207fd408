import "server-only";
import type { z } from "zod";
import { instanceId } from "./instance";
import { PEER_HEADER, signPeerCall } from "./peer-auth";

/**
 * Calls another console instance at its registered address (Instance.address, host:port) on one of the
 * /internal/ paths, signed with the key all instances derive from the shared secret key, and checks the
 * answer's shape. Rejects on any failure (unreachable, refused, a slow peer past `timeoutMs`).
 */
export async function askPeer<S extends z.ZodType>(
  address: string,
  path: string,
  schema: S,
  options: { body?: unknown; timeoutMs?: number } = {},
): Promise<z.infer<S>> {
  const method = options.body === undefined ? "GET" : "POST";
  const body = options.body === undefined ? "" : JSON.stringify(options.body);
  const res = await fetch(`http://${address}${path}`, {
    method,
    body: method === "POST" ? body : undefined,
    headers: {
      [PEER_HEADER]: signPeerCall(instanceId(), method, path, body),
      ...(method === "POST" ? { "content-type": "application/json" } : {}),
    },
    signal: AbortSignal.timeout(options.timeoutMs ?? 3_000),
    redirect: "error",
  });
  if (!res.ok) throw new Error(`${address}${path} answered ${res.status}`);
  return schema.parse(await res.json());
}
