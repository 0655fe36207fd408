// Requests as an attacker sends them: from a chosen loopback address (every 127.x.y.z is this machine), with
// any headers, bodies and timing, on raw sockets where HTTP clients would tidy things up.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import type http from "node:http";
import https from "node:https";
import net from "node:net";
import tls from "node:tls";
import { baseURL } from "../fixtures";

export const port = Number(new URL(baseURL).port);
export const origin = baseURL;

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };

export function rawRequest(o: {
  method?: string;
  path: string;
  from?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    // The certificate is trusted through NODE_EXTRA_CA_CERTS (playwright.config.ts), as the browser trusts its pin.
    const req = https.request(
      { host: "127.0.0.1", port, method: o.method ?? "GET", path: o.path, localAddress: o.from, headers: o.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(o.body);
  });
}

/** Signs in over plain HTTP from `from`; returns the Cookie header value, or the refusal. */
export async function signInFrom(from: string, username: string, password: string, headers: Record<string, string> = {}) {
  const res = await rawRequest({
    method: "POST",
    path: "/api/auth/login",
    from,
    headers: { "Content-Type": "application/json", Origin: origin, ...headers },
    body: JSON.stringify({ username, password }),
  });
  const cookie = (res.headers["set-cookie"] ?? [])[0]?.split(";")[0];
  return { status: res.status, cookie, error: res.status === 200 ? undefined : (JSON.parse(res.body) as { error: string }).error };
}

/**
 * Opens a connection from `from` and writes `text`; resolves with the socket once connected. TLS (the handshake
 * done, then `text` inside it) unless `plain` asks for bare TCP.
 */
export function rawSocket(text: string, from?: string, { plain = false } = {}): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const options = { host: "127.0.0.1", port, localAddress: from };
    const socket: net.Socket = plain
      ? net.connect(options, () => {
          if (text) socket.write(text);
          resolve(socket);
        })
      : tls.connect({ ...options, servername: "localhost" }, () => {
          if (text) socket.write(text);
          resolve(socket);
        });
    socket.once("error", reject);
  });
}

/** What the server answers on a raw socket (the status line), and whether it then closed the connection. */
export function answerOf(socket: net.Socket): Promise<{ statusLine: string; closedByServer: boolean }> {
  return new Promise((resolve) => {
    let data = "";
    socket.setEncoding("utf8");
    socket.on("data", (d: string) => (data += d));
    socket.on("error", () => undefined);
    socket.on("close", () => resolve({ statusLine: data.split("\r\n")[0], closedByServer: true }));
  });
}

export function upgradeRequest(path: string, headers: Record<string, string> = {}): string {
  const lines = [
    `GET ${path} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    "Upgrade: websocket",
    "Connection: Upgrade",
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
    "Sec-WebSocket-Version: 13",
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  return lines.join("\r\n") + "\r\n\r\n";
}

/** The console server's process (the one listening on the e2e port). */
export function serverPid(): number {
  const out = execFileSync("ss", ["-Hltnp", `sport = :${port}`], { encoding: "utf8" });
  const match = /pid=(\d+)/.exec(out);
  if (!match) throw new Error(`nothing listens on port ${port}`);
  return Number(match[1]);
}

export const openDescriptors = (pid: number) => readdirSync(`/proc/${pid}/fd`).length;

export function residentBytes(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return kb ? Number(kb[1]) * 1024 : 0;
}

/** Sockets of the server process in CLOSE-WAIT (peer closed, server never did): the leak this suite guards against. */
export function closeWaitCount(): number {
  const out = execFileSync("ss", ["-Htn", "state", "close-wait", `sport = :${port}`], { encoding: "utf8" });
  return out.split("\n").filter(Boolean).length;
}
