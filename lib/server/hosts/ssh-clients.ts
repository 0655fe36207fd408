import "server-only";
import { Client } from "ssh2";
import type { Host } from "@/generated/prisma-sqlite/client";
import { parseUri } from "@/lib/libvirt";
import { processSingleton } from "../process-singleton";
import { connectOptionsFor } from "./connect-options";
import { DEFAULT_SSH_PORT } from "@/lib/libvirt/default-ports";

export type SshHost = Pick<Host, "id" | "name" | "uri" | "credentialsRef" | "sshHostKey">;

/** An idle client (no console, no file reader on it) is closed after this long; the next console opens a new one. */
const IDLE_CLOSE_MS = 5 * 60_000;

interface Entry {
  /** What the client was opened with; a host row that says otherwise gets a new client. */
  settings: string;
  client: Promise<Client>;
  channels: number;
  idle: NodeJS.Timeout | null;
}

const clients = (): Map<string, Entry> => processSingleton("ssh-clients", () => new Map<string, Entry>());
const settingsOf = (host: SshHost): string => JSON.stringify([host.uri, host.credentialsRef, host.sshHostKey]);

/** An SSH connection to a host with its stored credentials and pinned host key (the same checks as its libvirt connection). */
async function openSsh(host: SshHost): Promise<Client> {
  const uri = parseUri(host.uri);
  const { ssh } = await connectOptionsFor(host);
  if (!ssh) throw new Error(`${host.name} is not reached over SSH`);
  const conn = new Client();
  await new Promise<void>((resolve, reject) => {
    conn.once("ready", resolve);
    conn.once("error", reject);
    // A display's small messages (RFB's handshake, keys, pointer) go out at once, not held back by Nagle's algorithm.
    conn.once("connect", () => conn.setNoDelay(true));
    conn.connect({
      host: uri.host,
      port: uri.port ?? DEFAULT_SSH_PORT,
      username: uri.user ?? "root",
      password: ssh.password,
      privateKey: ssh.privateKey,
      passphrase: ssh.passphrase,
      hostVerifier: (key: Buffer) => ssh.hostKeyVerifier?.(key) ?? false,
      readyTimeout: 20_000,
      // A connection that died quietly is noticed and dropped, so the next channel gets a live one.
      keepaliveInterval: 15_000,
      keepaliveCountMax: 3,
    });
  });
  return conn;
}

function drop(hostId: string, entry: Entry): void {
  if (clients().get(hostId) !== entry) return;
  clients().delete(hostId);
  if (entry.idle) clearTimeout(entry.idle);
  void entry.client.then((c) => c.end()).catch(() => undefined);
}

function entryFor(host: SshHost): { entry: Entry; fresh: boolean } {
  const settings = settingsOf(host);
  const existing = clients().get(host.id);
  if (existing?.settings === settings) return { entry: existing, fresh: false };
  if (existing) drop(host.id, existing);
  const entry: Entry = { settings, client: openSsh(host), channels: 0, idle: null };
  clients().set(host.id, entry);
  entry.client.then(
    (c) => {
      c.on("error", () => drop(host.id, entry));
      c.once("close", () => drop(host.id, entry));
    },
    () => drop(host.id, entry),
  );
  return { entry, fresh: true };
}

/**
 * Opens a channel on the host's one shared SSH connection (opened on first use, re-opened when it died,
 * closed when the host is disconnected, changed or removed, or after a while with no channels). `open`
 * gets the client and must resolve to something that emits "close" when the channel is done.
 * A channel that fails on a reused connection for a reason other than the far side refusing it (the
 * connection died unnoticed) is tried once more on a new connection.
 */
export async function sshChannel<T extends NodeJS.EventEmitter>(host: SshHost, open: (client: Client) => Promise<T>): Promise<T> {
  for (;;) {
    const { entry, fresh } = entryFor(host);
    entry.channels++;
    if (entry.idle) clearTimeout(entry.idle);
    entry.idle = null;
    const release = (): void => {
      entry.channels--;
      if (entry.channels === 0 && clients().get(host.id) === entry) {
        entry.idle = setTimeout(() => drop(host.id, entry), IDLE_CLOSE_MS);
        entry.idle.unref();
      }
    };
    try {
      const channel = await open(await entry.client);
      channel.once("close", release);
      return channel;
    } catch (err) {
      release();
      // SSH's "open failed" (the target refused or is unreachable) carries a reason code; the connection is fine.
      const refused = typeof (err as { reason?: unknown }).reason === "number";
      if (refused || fresh) throw err;
      drop(host.id, entry);
    }
  }
}

/** Opens the host's shared SSH connection ahead of a channel (a console about to connect); failures wait for that channel. */
export function warmSshClient(host: SshHost): void {
  const { entry, fresh } = entryFor(host);
  if (!fresh || entry.channels > 0) return;
  entry.idle = setTimeout(() => drop(host.id, entry), IDLE_CLOSE_MS);
  entry.idle.unref();
}

/** Closes the host's shared SSH connection, if any (its channels close with it). */
export function closeSshClient(hostId: string): void {
  const entry = clients().get(hostId);
  if (entry) drop(hostId, entry);
}
