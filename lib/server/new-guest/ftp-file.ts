import "server-only";
import type net from "node:net";
import type { Readable } from "node:stream";
import type { Dialer } from "../net/guarded-connect";
import { FetchError } from "../net/fetch-error";

/**
 * Just enough FTP (RFC 959, with EPSV/PASV and SIZE) to read one file of an install tree: log in
 * (anonymous unless the URL names a user), binary mode, ask the size, then stream RETR's data.
 */
export interface FtpFile {
  size: number | null;
  body: Readable;
}

type Reply = { code: number; text: string };

/** Reads complete replies ("123 text", or "123-…" lines up to "123 …") off the control connection. */
function replyReader(control: net.Socket): () => Promise<Reply> {
  let buffered = "";
  const waiting: ((r: Reply | Error) => void)[] = [];
  const ready: (Reply | Error)[] = [];
  const deliver = (r: Reply | Error) => {
    const next = waiting.shift();
    if (next) next(r);
    else ready.push(r);
  };
  control.on("data", (chunk: Buffer) => {
    buffered += chunk.toString("latin1");
    for (;;) {
      const lines = buffered.split("\r\n");
      const first = /^(\d{3})([ -])/.exec(lines[0]);
      if (!first || lines.length < 2) return;
      const end = first[2] === " " ? 0 : lines.findIndex((l, i) => i > 0 && l.startsWith(`${first[1]} `));
      if (end < 0) return;
      deliver({ code: Number(first[1]), text: lines.slice(0, end + 1).join("\n") });
      buffered = lines.slice(end + 1).join("\r\n");
    }
  });
  control.on("error", (err) => deliver(err));
  control.on("close", () => deliver(new FetchError("connect", { key: "ftpClosed" })));
  return () =>
    new Promise<Reply>((resolve, reject) => {
      const settle = (r: Reply | Error) => (r instanceof Error ? reject(r) : resolve(r));
      const r = ready.shift();
      if (r) settle(r);
      else waiting.push(settle);
    });
}

async function connect(dial: Dialer, host: string, port: number, timeoutMs: number): Promise<net.Socket> {
  const socket = await dial(host, port);
  socket.setTimeout(timeoutMs);
  socket.once("timeout", () => socket.destroy(new FetchError("time", { key: "noAnswerFrom", values: { address: `${host}:${port}` } })));
  return socket;
}

/** Where EPSV ("(|||port|)") or PASV ("(h1,h2,h3,h4,p1,p2)") says the data connection waits. */
function dataPort(reply: Reply): number | null {
  const epsv = /\(\|\|\|(\d+)\|\)/.exec(reply.text);
  if (epsv) return Number(epsv[1]);
  const pasv = /(\d+),(\d+),(\d+),(\d+),(\d+),(\d+)/.exec(reply.text);
  return pasv ? Number(pasv[5]) * 256 + Number(pasv[6]) : null;
}

/** `dial` opens both connections (the guarded one in the console: lib/server/net/guarded-connect.ts). */
export async function openFtpFile(url: URL, { dial, timeoutMs }: { dial: Dialer; timeoutMs: number }): Promise<FtpFile> {
  const host = url.hostname;
  const control = await connect(dial, host, Number(url.port || 21), timeoutMs);
  const next = replyReader(control);
  const command = async (line: string, ok: (code: number) => boolean): Promise<Reply> => {
    control.write(`${line}\r\n`);
    const reply = await next();
    if (!ok(reply.code)) throw new FetchError("status", { key: "ftpRefused", values: { command: line.split(" ")[0], reply: reply.text } });
    return reply;
  };
  try {
    const greeting = await next();
    if (greeting.code !== 220) throw new FetchError("status", { key: "ftpGreeting", values: { reply: greeting.text } });
    const user = await command(`USER ${decodeURIComponent(url.username) || "anonymous"}`, (c) => c === 230 || c === 331);
    if (user.code === 331) await command(`PASS ${decodeURIComponent(url.password) || "anonymous@"}`, (c) => c === 230 || c === 202);
    await command("TYPE I", (c) => c === 200);
    const path = decodeURIComponent(url.pathname);
    const sizeReply = await command(`SIZE ${path}`, (c) => c === 213 || c === 550 || c === 500 || c === 502);
    if (sizeReply.code === 550) throw new FetchError("status", { key: "ftpAnswered", values: { reply: sizeReply.text } });
    const size = sizeReply.code === 213 ? Number(sizeReply.text.slice(4).trim()) : null;
    let passive = await command("EPSV", () => true);
    if (passive.code !== 229) passive = await command("PASV", (c) => c === 227);
    const port = dataPort(passive);
    if (!port) throw new FetchError("status", { key: "ftpNoDataPort", values: { reply: passive.text } });
    // To the server the control connection reached (not the address PASV names: no FTP bounce).
    const data = await connect(dial, control.remoteAddress ?? host, port, timeoutMs);
    await command(`RETR ${path}`, (c) => c === 150 || c === 125);
    control.setTimeout(0); // quiet while the data flows, however long that takes
    // The transfer's end is also confirmed on the control connection (226); the data socket's end is what readers see.
    data.once("close", () => {
      void next()
        .catch(() => undefined)
        .finally(() => control.end("QUIT\r\n"));
    });
    return { size, body: data };
  } catch (err) {
    control.destroy();
    throw err;
  }
}
