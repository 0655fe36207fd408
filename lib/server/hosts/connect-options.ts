import "server-only";
import type { Host } from "@/generated/prisma-sqlite/client";
import { brandError } from "@/lib/branded-error";
import { dialerForUri, parseUri, type ConnectOptions } from "@/lib/libvirt";
import { loadCredentials, type HostCredentials } from "./credentials";
import { sshFingerprint } from "./ssh-fingerprint";

type HostForConnect = Pick<Host, "name" | "uri" | "credentialsRef" | "sshHostKey">;

/** Raised when an SSH host presents a key other than the pinned one, or none was ever confirmed. */
export class HostKeyError extends Error {
  override name = "HostKeyError";
  constructor(
    message: string,
    readonly presented: string | null,
  ) {
    super(message);
  }
}
export const isHostKeyError = brandError(HostKeyError, "HostKeyError");

/**
 * Connect options for a URI with the given secrets. For SSH the presented host key must match
 * `pinnedFingerprint`; with none pinned the connection is refused and the key reported, so an
 * administrator can confirm it first (`onHostKey` sees it either way).
 */
export function connectOptionsWith(
  uri: string,
  credentials: HostCredentials,
  pinnedFingerprint: string | null,
  onHostKey?: (fingerprint: string) => void,
): ConnectOptions {
  const parsed = parseUri(uri);
  // libvirt takes the SASL user name from the URI, as virsh does.
  const sasl = parsed.user && credentials.password ? { username: parsed.user, password: credentials.password } : undefined;
  if (parsed.transport === "tls") {
    return {
      sasl,
      tls: { ca: credentials.tlsCa || undefined, cert: credentials.tlsCert || undefined, key: credentials.tlsKey || undefined },
    };
  }
  if (parsed.transport === "tcp") return { sasl };
  if (parsed.transport !== "ssh") return {};
  let presented: string | null = null;
  const ssh: NonNullable<ConnectOptions["ssh"]> = {
    password: credentials.password || undefined,
    privateKey: credentials.privateKey || undefined,
    passphrase: credentials.passphrase || undefined,
    hostKeyVerifier: (key) => {
      presented = sshFingerprint(key);
      onHostKey?.(presented);
      return presented === pinnedFingerprint;
    },
  };
  const dial = dialerForUri(parsed, { ssh });
  const where = `${parsed.host}${parsed.port ? `:${parsed.port}` : ""}`;
  // `ssh` says what is used; the dialer wraps the SSH one so a refused key is reported as such.
  return {
    ssh,
    dialer: async () => {
      try {
        return await dial();
      } catch (err) {
        if (presented && presented !== pinnedFingerprint) {
          throw new HostKeyError(
            pinnedFingerprint
              ? `The SSH host key of ${where} has changed: it presented ${presented}, but ${pinnedFingerprint} was confirmed. Refusing to connect; if the change is expected, an administrator must confirm the new key (Hosts → Edit → Test connection).`
              : `The SSH host key of ${where} (${presented}) has not been confirmed yet.`,
            presented,
          );
        }
        throw err;
      }
    },
  };
}

/** Everything the libvirt client needs to reach one registered host besides its URI. */
export async function connectOptionsFor(host: HostForConnect): Promise<ConnectOptions> {
  return connectOptionsWith(host.uri, await loadCredentials(host.credentialsRef), host.sshHostKey);
}
