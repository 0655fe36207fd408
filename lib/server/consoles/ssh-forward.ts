import "server-only";
import type { Duplex } from "node:stream";
import { sshChannel, type SshHost } from "../hosts/ssh-clients";
import { consoleError } from "./console-error";

/**
 * A TCP stream to `target` as seen from a remote host: a channel on the host's shared SSH connection, so
 * a console opened after the first costs no SSH handshake.
 */
export async function forwardOverSsh(host: SshHost, target: { host: string; port: number }): Promise<Duplex> {
  try {
    return await sshChannel(
      host,
      (conn) =>
        new Promise<Duplex>((resolve, reject) =>
          conn.forwardOut("127.0.0.1", 0, target.host, target.port, (err, stream) => (err ? reject(err) : resolve(stream))),
        ),
    );
  } catch (err) {
    throw consoleError("cannotReachOn", { host: host.name, address: `${target.host}:${target.port}`, detail: (err as Error).message });
  }
}
