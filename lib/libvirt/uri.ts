// libvirt-style connection URIs: driver[+transport]://[user@][host][:port]/path[?params]

export type TransportName = "unix" | "tcp" | "tls" | "ssh" | "ext";

export interface LibvirtUri {
  /** The full URI as given. */
  raw: string;
  driver: string;
  transport: TransportName;
  user?: string;
  host?: string;
  port?: number;
  path: string;
  params: Record<string, string>;
  /** The URI the daemon should open (`name` param, else the URI without transport/host/params). */
  name: string;
  socket?: string;
  keyfile?: string;
  knownHosts?: string;
  noVerify: boolean;
}

/** Params consumed by the client; everything else is passed on to the daemon. */
const CLIENT_PARAMS = new Set([
  "name",
  "socket",
  "keyfile",
  "known_hosts",
  "known_hosts_verify",
  "no_verify",
  "no_tty",
  "command",
  "netcat",
  "proxy",
  "pkipath",
  "mode",
  "sshauth",
  "tls_priority",
]);

export class UriError extends Error {
  override name = "UriError";
}

export function parseUri(raw: string): LibvirtUri {
  const m = /^([a-z][a-z0-9]*)(?:\+([a-z0-9]+))?:\/\/(?:([^@/?]*)@)?(\[[^\]]*\]|[^:/?]*)?(?::(\d+))?(\/[^?]*)?(?:\?(.*))?$/i.exec(
    raw.trim(),
  );
  if (!m) throw new UriError(`invalid libvirt URI: ${raw}`);
  const [, driver, transportRaw, user, hostRaw, portRaw, pathRaw, query] = m;
  const host = hostRaw ? hostRaw.replace(/^\[|\]$/g, "") : undefined;
  const transport = (transportRaw?.toLowerCase() ?? (host ? "tls" : "unix")) as TransportName;
  if (!["unix", "tcp", "tls", "ssh", "ext"].includes(transport)) throw new UriError(`unsupported transport '${transport}' in ${raw}`);
  const params: Record<string, string> = {};
  const forward: string[] = [];
  for (const part of (query ?? "").split("&").filter(Boolean)) {
    const eq = part.indexOf("=");
    const key = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? "" : decodeURIComponent(part.slice(eq + 1).replace(/\+/g, " "));
    params[key] = value;
    if (!CLIENT_PARAMS.has(key)) forward.push(part);
  }
  const path = pathRaw ?? "/";
  const port = portRaw ? Number(portRaw) : undefined;
  if (port !== undefined && (port < 1 || port > 65535)) throw new UriError(`invalid port in ${raw}`);
  const name = params.name ?? `${driver}://${path}${forward.length ? `?${forward.join("&")}` : ""}`;
  return {
    raw,
    driver: driver.toLowerCase(),
    transport,
    user: user ? decodeURIComponent(user) : undefined,
    host: host || undefined,
    port,
    path,
    params,
    name,
    socket: params.socket,
    keyfile: params.keyfile,
    knownHosts: params.known_hosts,
    noVerify: params.no_verify === "1",
  };
}
