import "server-only";
import { errorFields, log } from "../log";
import { watchFile } from "node:fs";
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerOptions,
  type ServerResponse,
} from "node:http";
import { createServer as createHttpsServer } from "node:https";
import net from "node:net";
import type { RequestErrorKey } from "@/lib/client/api";
import { readCertificate, type CertificateFiles } from "../tls/certificate";

/** The first byte of a TLS ClientHello (a handshake record). */
const TLS_HANDSHAKE = 0x16;
const CERT_CHECK_MS = 5_000;

export type Listener = {
  /** Where requests and upgrades arrive. */
  server: Server;
  listen(port: number, host: string, ready: () => void): void;
  close(): void;
};

export type ListenerOptions = {
  tls: CertificateFiles | null;
  server: ServerOptions;
  /**
   * Called for every new connection; false means it is answered `refusal` (and closed) instead of being served:
   * JSON as the API answers, with the English `message` and its key of messages' "requestErrors" for the page to
   * say in its language (lib/client/api.ts); nothing is looked up for a connection turned away.
   */
  admit: (socket: net.Socket) => boolean;
  refusal: { status: number; message: string; key: RequestErrorKey };
};

/**
 * The console's port. With TLS, HTTPS and plain HTTP share it: the first byte of a connection tells them apart,
 * HTTPS goes to the console and plain HTTP gets a redirect to the same address over HTTPS (so a typed
 * "http://console:3000" still lands). The certificate files are re-read when they change, without a restart.
 * Without TLS (behind a TLS-terminating proxy) it is a plain HTTP server. A connection `admit` turns away still
 * gets a proper answer in its own protocol before it is closed.
 */
export function createListener(o: ListenerOptions, handler: RequestListener): Listener {
  const refusal = JSON.stringify({ error: o.refusal.message, requestError: o.refusal.key });
  const refuse: RequestListener = (_req, res) => answer(res, o.refusal.status, refusal, "application/json");
  const tls = o.tls;
  const secure = tls ? { ...readCertificate(tls), handshakeTimeout: o.server.headersTimeout } : null;
  const server = (secure ? createHttpsServer({ ...o.server, ...secure }, handler) : createHttpServer(o.server, handler)) as Server;
  const refuserTls = secure ? (createHttpsServer({ ...o.server, ...secure }, refuse) as unknown as Server) : null;
  const redirect = secure ? createHttpServer(o.server, redirectToHttps) : null;
  const refuserPlain = createHttpServer(o.server, refuse);
  const inner = [server, refuserTls, redirect, refuserPlain].filter((s): s is Server => s !== null);
  const hand = (target: Server, socket: net.Socket) => (target as unknown as net.Server).emit("connection", socket);
  // Sockets start paused so the first byte can be looked at before any server reads it.
  const front = net.createServer({ pauseOnConnect: true }, (socket) => {
    socket.on("error", () => socket.destroy());
    const admitted = o.admit(socket);
    if (!secure) {
      hand(admitted ? server : refuserPlain, socket);
      return void socket.resume();
    }
    // A connection that says nothing is closed as one that sends no headers would be.
    const silent = setTimeout(() => socket.destroy(), o.server.headersTimeout ?? 15_000);
    socket.once("close", () => clearTimeout(silent));
    socket.once("readable", () => {
      clearTimeout(silent);
      const first: Buffer | null = socket.read(1);
      if (!first) return socket.destroy();
      socket.unshift(first);
      const isTls = first[0] === TLS_HANDSHAKE;
      hand(admitted ? (isTls ? server : redirect!) : isTls ? refuserTls! : refuserPlain, socket);
      socket.resume();
    });
    socket.resume();
    socket.pause();
  });
  const reload = () => {
    if (!tls) return;
    try {
      for (const s of [server, refuserTls]) (s as unknown as { setSecureContext(o: object): void }).setSecureContext(readCertificate(tls));
      log.info({ certificate: tls.certFile }, "tls: loaded the certificate again");
    } catch (err) {
      log.error(errorFields(err), "tls: kept the previous certificate; the new files could not be read");
    }
  };
  const watch = (file: string) => watchFile(file, { interval: CERT_CHECK_MS }, (now, before) => now.mtimeMs !== before.mtimeMs && reload());
  return {
    server,
    listen: (port, host, ready) => {
      if (tls) {
        watch(tls.certFile);
        watch(tls.keyFile);
      }
      front.listen(port, host, () => {
        // The inner servers never listen themselves; their connection tracking (header deadlines, idle sockets)
        // starts on "listening", so give them that.
        for (const s of inner) s.emit("listening");
        ready();
      });
    },
    close: () => {
      front.close();
      for (const s of inner) s.close();
    },
  };
}

function answer(res: ServerResponse, status: number, message: string, type = "text/plain"): void {
  res.writeHead(status, { "Content-Type": type, "Content-Length": Buffer.byteLength(message), Connection: "close" });
  res.end(message);
}

function redirectToHttps(req: IncomingMessage, res: ServerResponse): void {
  const host = req.headers.host && /^[A-Za-z0-9.:[\]-]+$/.test(req.headers.host) ? req.headers.host : null;
  if (!host || !req.url?.startsWith("/")) return answer(res, 400, "Use HTTPS");
  res.writeHead(308, { Location: `https://${host}${req.url}`, Connection: "close" }).end();
}
