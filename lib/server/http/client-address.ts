import "server-only";
import type { IncomingMessage } from "node:http";
import { BlockList, isIP } from "node:net";

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

/**
 * Parses "10.0.0.0/8, 192.168.1.7, fd00::/8". Throws an Error naming the first entry that is not an address
 * or CIDR, so a bad setting fails at start.
 */
export function parseNetworkList(text: string): NetworkList {
  const list = new BlockList();
  const entries = text
    .split(/[\s,]+/)
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, prefixText] = entry.split("/");
    const family = isIP(address);
    const max = family === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? max : Number(prefixText);
    if (!family || !/^\d+$/.test(prefixText ?? String(max)) || prefix > max) {
      throw new Error(`"${entry}" is not an IP address or a network in CIDR notation (such as 10.0.0.0/8)`);
    }
    list.addSubnet(address, prefix, family === 4 ? "ipv4" : "ipv6");
  }
  return {
    entries,
    matches(address: string) {
      const a = normalizeAddress(address);
      const family = isIP(a);
      return family !== 0 && list.check(a, family === 4 ? "ipv4" : "ipv6");
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
  if (!fromProxy) for (const name of FORWARDED_HEADERS) delete req.headers[name];
  req.headers[CLIENT_ADDRESS_HEADER] = address;
  // rawHeaders is what some readers (Next's request adapter) use; keep it in step with headers.
  req.rawHeaders = rebuildRawHeaders(req.rawHeaders, fromProxy, address);
  return address;
}

function rebuildRawHeaders(raw: string[], fromProxy: boolean, address: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    if (name === CLIENT_ADDRESS_HEADER) continue;
    if (!fromProxy && (FORWARDED_HEADERS as readonly string[]).includes(name)) continue;
    out.push(raw[i], raw[i + 1]);
  }
  out.push(CLIENT_ADDRESS_HEADER, address);
  return out;
}

/** The address server.ts recorded for this request. */
export function clientAddressOf(get: (name: string) => string | null | undefined): string {
  return get(CLIENT_ADDRESS_HEADER) || "unknown";
}
