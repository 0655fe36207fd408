// The console benchmark's downloads (part b), in a process of its own that only reads and counts. In the
// benchmark's main process, which holds Prisma, the libvirt client and the RFB code, V8 collected that heap
// every few MiB of socket buffers, so the client spent 2-3.5 s of CPU per GB and was the limit of every path.
// Forked by console.ts with a BulkJob (JSON) as its argument; sends a BulkResult over IPC and exits.
// The paths take turns, one download per path per round with the order rotating each round, on connections
// kept open, so a busy spell of the machine falls on all of them alike. Nothing here knows which path is which.
import { readdirSync, readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { once } from "node:events";
import net from "node:net";
import WebSocket from "ws";
import { bulkRequest } from "./byte-protocol";

/** A byte source reached over plain TCP, or over a WebSocket that relays to it. */
export type BulkTarget = { port: number } | { url: string; protocols: string[]; headers: Record<string, string> };
export type BulkPath = { name: string; middlePid: number | null } & BulkTarget;
export type BulkJob = { paths: BulkPath[]; bytes: number; warmupBytes: number; runs: number };
/** Per path: each download's milliseconds in order, and CPU seconds of the middle process and of this client. */
export type BulkResult = Record<string, { times: number[]; middleCpu: number; clientCpu: number }>;

type Downloader = { download(n: number): Promise<void>; close(): void };

const CLOCK_TICKS = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }));

/** CPU seconds (user + system) used so far by `pid` and its children (websockify and socat fork one per connection). */
function cpuSeconds(pid: number): number {
  let ticks = 0;
  for (const entry of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(entry) === pid || Number(f[1]) === pid) ticks += Number(f[11]) + Number(f[12]);
    } catch {} // the process ended meanwhile
  }
  return ticks / CLOCK_TICKS;
}

async function open(path: BulkPath): Promise<Downloader> {
  let pending: { left: number; done(): void; fail(err: Error): void } | null = null;
  const arrived = (n: number) => {
    if (pending && (pending.left -= n) <= 0) {
      const { done } = pending;
      pending = null;
      done();
    }
  };
  const failed = (err: Error) => {
    pending?.fail(err);
    pending = null;
  };
  let send: (data: Buffer) => void;
  let close: () => void;
  if ("port" in path) {
    const socket = net.connect({ port: path.port, host: "127.0.0.1", noDelay: true });
    await once(socket, "connect");
    socket.on("data", (d: Buffer) => arrived(d.length)).on("close", () => failed(new Error(`${path.name}: connection closed`)));
    [send, close] = [(data) => socket.write(data), () => socket.destroy()];
  } else {
    const ws = new WebSocket(path.url, path.protocols, { headers: path.headers, perMessageDeflate: false });
    await once(ws, "open");
    ws.on("message", (d: Buffer) => arrived(d.length)).on("close", (code) => failed(new Error(`${path.name}: WebSocket closed (${code})`)));
    [send, close] = [(data) => ws.send(data, { binary: true }), () => ws.terminate()];
  }
  return {
    download: (n) =>
      new Promise((done, fail) => {
        pending = { left: n, done, fail };
        send(bulkRequest(n));
      }),
    close,
  };
}

async function run(job: BulkJob): Promise<BulkResult> {
  // Opened at once: a relay path's ticket is only valid for a few seconds.
  const conns = await Promise.all(job.paths.map(open));
  try {
    for (const c of conns) await c.download(job.warmupBytes);
    const result: BulkResult = Object.fromEntries(job.paths.map((p) => [p.name, { times: [], middleCpu: 0, clientCpu: 0 }]));
    for (let round = 0; round < job.runs; round++) {
      for (let k = 0; k < job.paths.length; k++) {
        const i = (round + k) % job.paths.length;
        const { name, middlePid } = job.paths[i];
        const middleBefore = middlePid ? cpuSeconds(middlePid) : 0;
        const ownBefore = process.cpuUsage();
        const started = performance.now();
        await conns[i].download(job.bytes);
        result[name].times.push(performance.now() - started);
        const own = process.cpuUsage(ownBefore);
        result[name].clientCpu += (own.user + own.system) / 1e6;
        result[name].middleCpu += middlePid ? cpuSeconds(middlePid) - middleBefore : 0;
      }
    }
    return result;
  } finally {
    for (const c of conns) c.close();
  }
}

if (process.send) {
  run(JSON.parse(process.argv[2]) as BulkJob).then(
    (result) => process.send!({ result }, () => process.exit(0)),
    (err: unknown) => process.send!({ error: String(err) }, () => process.exit(1)),
  );
}
