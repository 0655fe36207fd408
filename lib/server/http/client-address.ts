import "server-only";
import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";
import { contains, parseCidr, parseIp, type Subnet } from "@/lib/networks/addresses";

/**
 * Who is on the other end of a request. The address comes from the TCP socket; X-Forwarded-For is believed
 * only from proxies an admin listed in TRUSTED_PROXIES, walked from the right (each trusted hop may name the
 * one before it; the first address that is not a trusted proxy is the client). Forwarded headers from anyone
 * else are removed before the request goes further, so nothing downstream can be fooled by them.
 */

/** Set by server.ts on every request (any value a client sent is replaced); read by route handlers. */
export const CLIENT_ADDRESS_HEADER = "x-virt-console-client-address";
const FORWARDED_HEADERS = ["x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port", "forwarded"] as const;

/** "::ffff:10.0.0.1" and "10.0.0.1" are one client. */
export function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return (mapped ? mapped[1] : address).toLowerCase();
}

export type NetworkList = { matches(address: string): boolean; readonly entries: readonly string[] };

/** Networks in canonical CIDR form (as `networkListSchema` gives them) as something an address can be matched against. */
export function networkList(entries: readonly string[]): NetworkList {
  const subnets = entries.map((e) => parseCidr(e)).filter((s): s is Subnet => s !== null);
  return {
    entries,
    matches(address: string) {
      const ip = parseIp(normalizeAddress(address));
      return ip !== null && subnets.some((s) => contains(s, ip));
    },
  };
}

/** The client's address from the socket peer and, through trusted proxies only, X-Forwarded-For. */
export function resolveClientAddress(peer: string, forwardedFor: string | undefined, trusted: NetworkList): string {
  let client = normalizeAddress(peer);
  if (!forwardedFor || !trusted.matches(client)) return client;
  const hops = forwardedFor
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(hops[i]);
    if (!isIP(hop)) break; // garbage from beyond the last trusted proxy: stop at what we know
    client = hop;
    if (!trusted.matches(hop)) break;
  }
  return client;
}

/**
 * Fixes up an incoming request in place before anything reads it: records the real client address in
 * CLIENT_ADDRESS_HEADER and drops forwarded headers unless the peer is a trusted proxy.
 */
export function stampClientAddress(req: IncomingMessage, trusted: NetworkList): string {
  const peer = req.socket.remoteAddress ?? "";
  const header = req.headers["x-forwarded-for"];
  const fromProxy = peer !== "" && trusted.matches(peer);
  const address = resolveClientAddress(peer, fromProxy ? (Array.isArray(header) ? header.join(",") : header) : undefined, trusted);
  if (!fromProxy) {
    for (const name of FORWARDED_HEADERS) delete req.headers[name];
    // What the browser really used, said the way a proxy would, so one reading (isHttps) serves both cases.
    req.headers["x-forwarded-proto"] = (req.socket as { encrypted?: boolean }).encrypted ? "https" : "http";
  }
  req.headers[CLIENT_ADDRESS_HEADER] = address;
  // rawHeaders is what some readers (Next's request adapter) use; keep it in step with headers.
  req.rawHeaders = rebuildRawHeaders(req.rawHeaders, fromProxy, address, req.headers["x-forwarded-proto"] as string | undefined);
  return address;
}

function rebuildRawHeaders(raw: string[], fromProxy: boolean, address: string, proto: string | undefined): string[] {
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    if (name === CLIENT_ADDRESS_HEADER) continue;
    if (!fromProxy && (FORWARDED_HEADERS as readonly string[]).includes(name)) continue;
    out.push(raw[i], raw[i + 1]);
  }
  out.push(CLIENT_ADDRESS_HEADER, address);
  if (!fromProxy && proto) out.push("x-forwarded-proto", proto);
  return out;
}

/** The address server.ts recorded for this request. */
export function clientAddressOf(get: (name: string) => string | null | undefined): string {
  return get(CLIENT_ADDRESS_HEADER) || "unknown";
}
