import net from "node:net";
import tls from "node:tls";
import { readFileSync } from "node:fs";
import type { Duplex } from "node:stream";
import { ConnectionClosedError } from "../errors";
import { reusedBufferRead, type Dialer } from "./dialer";

import { DEFAULT_TCP_PORT, DEFAULT_TLS_PORT } from "../default-ports";

export { DEFAULT_TCP_PORT, DEFAULT_TLS_PORT } from "../default-ports";

/** The socket reads through a reused buffer for RpcSession (see ReusedBufferReader): it emits no 'data' events. */
export function tcpDialer(host: string, port = DEFAULT_TCP_PORT, timeoutMs = 10_000): Dialer {
  return () =>
    new Promise((resolve, reject) => {
      const read = reusedBufferRead();
      const sock = net.createConnection({ host, port, onread: read.onread });
      read.attach(sock);
      sock.setTimeout(timeoutMs, () => sock.destroy(new Error(`timed out connecting to ${host}:${port}`)));
      sock.once("connect", () => {
        sock.setTimeout(0);
        sock.setNoDelay(true);
        resolve(sock);
      });
      sock.once("error", (err) => reject(new ConnectionClosedError(`cannot connect to ${host}:${port}: ${err.message}`, err)));
    });
}

export interface TlsOptions {
  host: string;
  port?: number;
  /** PEM contents or file paths; defaults are libvirt's: /etc/pki/CA/cacert.pem, /etc/pki/libvirt/... */
  ca?: string | Buffer;
  cert?: string | Buffer;
  key?: string | Buffer;
  /** Directory holding cacert.pem, clientcert.pem and private/clientkey.pem (libvirt's pkipath). */
  pkiPath?: string;
  rejectUnauthorized?: boolean;
  timeoutMs?: number;
}

function pem(value: string | Buffer | undefined, fallback: string): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (value && value.includes("-----BEGIN")) return Buffer.from(value);
  return readFileSync(value ?? fallback);
}

/**
 * TLS transport. After the handshake libvirtd sends one byte inside TLS: 0x01 means our
 * certificate and address passed its checks; anything else is a refusal.
 */
export function tlsDialer(options: TlsOptions): Dialer {
  const port = options.port ?? DEFAULT_TLS_PORT;
  return () =>
    new Promise<Duplex>((resolve, reject) => {
      const pki = options.pkiPath;
      const sock = tls.connect({
        host: options.host,
        port,
        servername: net.isIP(options.host) ? undefined : options.host,
        ca: pem(options.ca, pki ? `${pki}/cacert.pem` : "/etc/pki/CA/cacert.pem"),
        cert: pem(options.cert, pki ? `${pki}/clientcert.pem` : "/etc/pki/libvirt/clientcert.pem"),
        key: pem(options.key, pki ? `${pki}/clientkey.pem` : "/etc/pki/libvirt/private/clientkey.pem"),
        rejectUnauthorized: options.rejectUnauthorized ?? true,
      });
      sock.setTimeout(options.timeoutMs ?? 10_000, () => sock.destroy(new Error(`timed out connecting to ${options.host}:${port}`)));
      const fail = (err: Error): void =>
        reject(new ConnectionClosedError(`TLS connection to ${options.host}:${port} failed: ${err.message}`, err));
      // A daemon that refuses our certificate after the handshake (TLS 1.3) may just close: no check byte comes.
      const closedEarly = (): void =>
        reject(new ConnectionClosedError(`${options.host}:${port} closed the TLS connection: it refused our certificate or address`));
      sock.once("error", fail);
      sock.once("close", closedEarly);
      sock.once("secureConnect", () => {
        sock.once("readable", function readCheckByte() {
          const byte: Buffer | null = sock.read(1);
          if (byte === null) {
            if (!sock.readableEnded) sock.once("readable", readCheckByte);
            return;
          }
          sock.setTimeout(0);
          sock.off("error", fail);
          sock.off("close", closedEarly);
          if (byte[0] !== 1) {
            sock.destroy();
            return reject(new ConnectionClosedError("server verification (of our certificate or IP address) failed"));
          }
          resolve(sock);
        });
      });
    });
}
