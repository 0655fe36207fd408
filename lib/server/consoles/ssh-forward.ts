import "server-only";
import type { Duplex } from "node:stream";
import { Client } from "ssh2";
import type { Host } from "@/generated/prisma-sqlite/client";
import { parseUri } from "@/lib/libvirt";
import { connectOptionsFor } from "../hosts/connect-options";

type SshHost = Pick<Host, "name" | "uri" | "credentialsRef" | "sshHostKey">;

/** An SSH connection to a host with its stored credentials and pinned host key (the same checks as its libvirt connection). */
export async function openSsh(host: SshHost): Promise<Client> {
  const uri = parseUri(host.uri);
  const { ssh } = await connectOptionsFor(host);
  if (!ssh) throw new Error(`${host.name} is not reached over SSH`);
  const conn = new Client();
  await new Promise<void>((resolve, reject) => {
    conn.once("ready", resolve);
    conn.once("error", reject);
    conn.connect({
      host: uri.host,
      port: uri.port ?? 22,
      username: uri.user ?? "root",
      password: ssh.password,
      privateKey: ssh.privateKey,
      passphrase: ssh.passphrase,
      hostVerifier: (key: Buffer) => ssh.hostKeyVerifier?.(key) ?? false,
      readyTimeout: 20_000,
    });
  });
  return conn;
}

/**
 * A TCP stream to `target` as seen from a remote host, through SSH. One SSH connection per console
 * session; it closes with the stream.
 */
export async function forwardOverSsh(host: SshHost, target: { host: string; port: number }): Promise<Duplex> {
  const conn = await openSsh(host);
  try {
    const channel = await new Promise<Duplex>((resolve, reject) =>
      conn.forwardOut("127.0.0.1", 0, target.host, target.port, (err, stream) => (err ? reject(err) : resolve(stream))),
    );
    channel.once("close", () => conn.end());
    return channel;
  } catch (err) {
    conn.end();
    throw new Error(`${host.name}: cannot reach the display at ${target.host}:${target.port} (${(err as Error).message})`);
  }
}
