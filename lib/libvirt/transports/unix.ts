import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { ConnectionClosedError } from "../errors";
import type { LibvirtUri } from "../uri";
import { reusedBufferRead, type Dialer } from "./dialer";

export const LEGACY_SOCKET = "/run/libvirt/libvirt-sock";

/** Like libvirt's remoteGetUNIXSocket: prefer the modular per-driver daemon, fall back to libvirtd. */
export function defaultUnixSocket(uri: Pick<LibvirtUri, "driver" | "path" | "params">): string {
  const readOnly = uri.params.mode === "ro" || uri.params.readonly === "1";
  const suffix = readOnly ? "-sock-ro" : "-sock";
  const session = uri.path === "/session";
  const dir = session ? path.join(process.env.XDG_RUNTIME_DIR ?? `/run/user/${process.getuid?.() ?? 0}`, "libvirt") : "/run/libvirt";
  const modular = uri.driver === "qemu" ? path.join(dir, `virtqemud${suffix}`) : null;
  if (modular && existsSync(modular)) return modular;
  return path.join(dir, `libvirt${suffix}`);
}

/** The socket reads through a reused buffer for RpcSession (see ReusedBufferReader): it emits no 'data' events. */
export function unixDialer(socketPath: string, timeoutMs = 10_000): Dialer {
  return () =>
    new Promise((resolve, reject) => {
      const read = reusedBufferRead();
      const sock = net.createConnection({ path: socketPath, onread: read.onread });
      read.attach(sock);
      const timer = setTimeout(() => sock.destroy(new Error(`timed out connecting to ${socketPath}`)), timeoutMs);
      sock.once("connect", () => {
        clearTimeout(timer);
        resolve(sock);
      });
      sock.once("error", (err) => {
        clearTimeout(timer);
        reject(new ConnectionClosedError(`cannot connect to ${socketPath}: ${err.message}`, err));
      });
    });
}
