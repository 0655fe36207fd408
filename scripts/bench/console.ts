// VNC console relay benchmark: throughput and round-trip latency from a WebSocket client to a guest's VNC server
// through our relay (/ws/vnc on the real server, production build), side by side in one run with direct TCP,
// Debian's websockify 0.10 and, as a yardstick for what one more hop costs here, a plain TCP relay (socat); then
// 50 concurrent relay sessions and the server's memory per session.
// Goal (issue): throughput at least websockify's and within 10% of direct TCP, added median latency under 1 ms.
// Results are printed, never asserted. Two parts, because a real VNC server cannot produce bulk bytes on demand:
//  (a) each path to a test guest's QEMU VNC server (RFB 3.8, security None, Raw only): throughput from
//      full-screen updates (non-incremental FramebufferUpdateRequest). QEMU sends those on its refresh timer
//      (100-200 ms), so round trips use a message it answers at once: SetEncodings naming ExtendedKeyEvent, acked
//      by a one-rectangle FramebufferUpdate.
//  (b) each path to a byte source in a child process: 1-byte ping-pong from here, then 128 MiB downloads from a
//      lean client process (support/bulk-client.ts), the paths taking turns. The relay reaches the source through
//      the real endpoints: a test-driver host whose running guest has <graphics type='vnc' port=source>. The CPU
//      time of each middle process per GB is printed too, as the machine's load moves it much less than MB/s, and
//      so is the client's (when that nears the downloads' time, the client is the limit).
// The 50 sessions go to two guests, 25 each: QEMU keeps at most 32 VNC clients per display (its connections=32).
// Usage: tsx --tsconfig tsconfig.server.json scripts/bench/console.ts [--rounds N] [--updates N] [--bulk-mb N] [--bulk-runs N]
//   (needs libvirtd: scripts/setup-host.sh --tests; /usr/bin/websockify, socat; runs `next build` if .next is missing)
import { fork, spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import WebSocket from "ws";
import { Libvirt, uuidToString } from "../../lib/libvirt";
import { ByteQueue } from "../../lib/server/consoles/byte-queue";
import { createDb } from "../../lib/server/db";
import { newId } from "../../lib/server/ids";
import { migrate } from "../../lib/server/migrate";
import { Domain } from "../../lib/xml";
import { freePort } from "../../tests/helpers/free-port";
import { startTestGuest, waitForBoot } from "../../tests/helpers/test-guest";
import type { BulkJob, BulkResult, BulkTarget } from "./support/bulk-client";
import { PING } from "./support/byte-protocol";
import { cleanupStack, ensureBuild } from "./support/run";

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const [ROUNDS, WARMUP, UPDATES, BULK_BYTES, BULK_RUNS] = [
  arg("rounds", 200),
  20,
  arg("updates", 30),
  arg("bulk-mb", 128) * 1024 * 1024,
  arg("bulk-runs", 7),
];
const [SESSIONS, GUESTS] = [50, 2];
const BULK_WARMUP_BYTES = 128 << 20;
const PASSWORD = "bench-admin-password-1";
const SOURCE_UUID = "00000000-0000-4000-8000-00000000b17e";
// The plain TCP relay is a yardstick, not a competitor: what one more hop costs on this machine with no WebSocket
// and no JavaScript (socat, C, 256 KiB buffers), so the relay's distance to direct TCP can be read against it.
const PATHS = ["direct TCP", "websockify", "our relay", "TCP relay (socat)"] as const;
type PathName = (typeof PATHS)[number];

const [RAW, EXT_KEY_EVENT] = [0, -258];

let BASE = "";
let COOKIE = "";
const log = (message: string) => console.error(`console bench: ${message}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];
const median = (xs: number[]) => quantile(xs, 0.5);

/** One client connection: exact reads of what arrives, writes. */
type Conn = { q: ByteQueue; send(data: Buffer): void; close(): void };

async function tcpConn(port: number): Promise<Conn> {
  const q = new ByteQueue();
  const socket = net.connect({ port, host: "127.0.0.1", noDelay: true });
  socket.on("data", (d: Buffer) => q.push(d)).on("close", () => q.fail(new Error("connection closed")));
  socket.on("error", (err) => q.fail(err));
  await once(socket, "connect");
  return { q, send: (data) => socket.write(data), close: () => socket.destroy() };
}

async function wsConn(url: string, protocols: string[], headers: Record<string, string> = {}): Promise<Conn> {
  const q = new ByteQueue();
  const ws = new WebSocket(url, protocols, { headers, perMessageDeflate: false });
  ws.on("message", (d: Buffer) => q.push(d)).on("close", (code, reason) =>
    q.fail(new Error(`WebSocket closed: ${code} ${reason.toString()}`)),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once("open", resolve).once("error", reject);
    ws.once("unexpected-response", (_req, res) => reject(new Error(`${url}: upgrade refused with ${res.statusCode}`)));
  });
  return { q, send: (data) => ws.send(data, { binary: true }), close: () => ws.close() };
}

/** A console session through our relay: a fresh ticket from the API, then the upgrade as a browser makes it. */
async function relayConn(hostId: string, uuid: string): Promise<Conn> {
  return wsConn(await relayUrl(hostId, uuid), [], { Cookie: COOKIE, Origin: BASE });
}

/** The WebSocket URL of a fresh console ticket, from the API as the browser gets it. */
async function relayUrl(hostId: string, uuid: string): Promise<string> {
  const headers = { "Content-Type": "application/json", Cookie: COOKIE, Origin: BASE };
  const res = await fetch(`${BASE}/api/hosts/${hostId}/guests/${uuid}/console`, {
    method: "POST",
    headers,
    body: JSON.stringify({ kind: "vnc" }),
  });
  if (!res.ok) throw new Error(`console ticket refused: ${res.status} ${await res.text()}`);
  const { path: wsPath } = (await res.json()) as { path: string };
  return BASE.replace("http", "ws") + wsPath;
}

/** Reads and drops `n` bytes a megabyte at a time (ByteQueue joins what it returns). */
async function skip(c: Conn, n: number): Promise<void> {
  for (let left = n; left > 0; left -= 1 << 20) await c.q.read(Math.min(left, 1 << 20));
}

async function timed(rounds: number, warmup: number, fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return times;
}

// ---- RFB 3.8 client: just what the benchmark needs ----

type Screen = { width: number; height: number; bytesPerPixel: number };

const setEncodings = (encodings: number[]) => {
  const msg = Buffer.alloc(4 + 4 * encodings.length);
  msg[0] = 2;
  msg.writeUInt16BE(encodings.length, 2);
  encodings.forEach((e, i) => msg.writeInt32BE(e, 4 + 4 * i));
  return msg;
};

const fullUpdateRequest = ({ width, height }: Screen) => {
  const msg = Buffer.alloc(10);
  msg[0] = 3; // incremental = 0, x = y = 0
  msg.writeUInt16BE(width, 6);
  msg.writeUInt16BE(height, 8);
  return msg;
};

/** Version 3.8, security type None, ClientInit shared, ServerInit; then SetEncodings Raw only. */
async function rfbHandshake(c: Conn): Promise<Screen> {
  const version = (await c.q.read(12)).toString("latin1");
  if (!version.startsWith("RFB 003.")) throw new Error(`not an RFB server: ${JSON.stringify(version)}`);
  c.send(Buffer.from("RFB 003.008\n", "latin1"));
  const types = await c.q.read((await c.q.read(1))[0]);
  if (!types.includes(1)) throw new Error("the VNC server does not offer security type None");
  c.send(Buffer.from([1]));
  if ((await c.q.read(4)).readUInt32BE(0) !== 0) throw new Error("VNC security handshake failed");
  c.send(Buffer.from([1]));
  const init = await c.q.read(24);
  await c.q.read(init.readUInt32BE(20));
  c.send(setEncodings([RAW]));
  return { width: init.readUInt16BE(0), height: init.readUInt16BE(2), bytesPerPixel: init[4] / 8 };
}

/** Reads server messages up to the next FramebufferUpdate; returns its pixel bytes and rectangle encodings. */
async function readUpdate(c: Conn, screen: Screen): Promise<{ bytes: number; encodings: number[] }> {
  for (;;) {
    const type = (await c.q.read(1))[0];
    if (type === 2) continue; // Bell
    if (type === 3) {
      await c.q.read((await c.q.read(7)).readUInt32BE(3)); // ServerCutText
      continue;
    }
    if (type !== 0) throw new Error(`unexpected RFB message type ${type}`);
    const rects = (await c.q.read(3)).readUInt16BE(1);
    const update = { bytes: 0, encodings: [] as number[] };
    for (let i = 0; i < rects; i++) {
      const header = await c.q.read(12);
      const encoding = header.readInt32BE(8);
      update.encodings.push(encoding);
      if (encoding === RAW) {
        const size = header.readUInt16BE(4) * header.readUInt16BE(6) * screen.bytesPerPixel;
        await skip(c, size);
        update.bytes += size;
      } else if (encoding >= 0) throw new Error(`unexpected encoding ${encoding}`);
    }
    return update;
  }
}

type Result = { mbPerS: number; rtts: number[]; extra?: number; cpuMsPerGb?: number };

/** Part (a): full-screen raw updates (throughput; `extra` = their median round trip), then immediate-answer round trips. */
async function measureVnc(c: Conn): Promise<Result> {
  const screen = await rfbHandshake(c);
  const request = fullUpdateRequest(screen);
  const update = async () => {
    c.send(request);
    return (await readUpdate(c, screen)).bytes;
  };
  for (let i = 0; i < 3; i++) await update();
  let bytes = 0;
  const started = performance.now();
  const updateTimes = await timed(UPDATES, 0, async () => (bytes += await update()));
  const mbPerS = bytes / 1e6 / ((performance.now() - started) / 1000);
  const probe = setEncodings([RAW, EXT_KEY_EVENT]);
  const rtts = await timed(ROUNDS, WARMUP, async () => {
    c.send(probe);
    if (!(await readUpdate(c, screen)).encodings.includes(EXT_KEY_EVENT)) throw new Error("QEMU did not acknowledge ExtendedKeyEvent");
  });
  return { mbPerS, rtts, extra: median(updateTimes) };
}

/** Part (b), per path: 1-byte ping-pongs. */
function pingSource(c: Conn): Promise<number[]> {
  return timed(ROUNDS, WARMUP, async () => {
    c.send(Buffer.from([PING]));
    await c.q.read(1);
  });
}

async function waitFor(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await check()) return;
    await sleep(200);
  }
  throw new Error(`${what} did not start`);
}

const accepts = (port: number) =>
  tcpConn(port).then(
    (c) => (c.close(), true),
    () => false,
  );

/** Starts a child in its own process group (npx and websockify fork); the cleanup ends that group and waits. */
function startGroup(command: string, args: string[], env?: NodeJS.ProcessEnv): { child: ChildProcess; stop: () => Promise<void> } {
  // The server's errors are shown; websockify's connection log is not.
  const child = spawn(command, args, { env: env ?? process.env, stdio: ["ignore", "ignore", env ? "inherit" : "ignore"], detached: true });
  const exited = new Promise((r) => child.once("exit", r));
  return {
    child,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, "SIGTERM");
      await exited;
    },
  };
}

/** The node process that listens on `port` among `root`'s descendants (npx starts tsx, which starts node). */
function listeningPid(root: number, port: number): number {
  const hexPort = `:${port.toString(16).toUpperCase().padStart(4, "0")}`;
  const sockets = readFileSync("/proc/net/tcp", "utf8")
    .split("\n")
    .map((line) => line.trim().split(/\s+/));
  const inodes = new Set(sockets.filter((f) => f[1]?.endsWith(hexPort) && f[3] === "0A").map((f) => f[9]));
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {} // the process ended meanwhile
  }
  const family = [root];
  for (let i = 0; i < family.length; i++) for (const [pid, ppid] of parents) if (ppid === family[i]) family.push(pid);
  for (const pid of family) {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
      if (inode && inodes.has(inode)) return pid;
    }
  }
  throw new Error(`no process under ${root} listens on ${port}`);
}

const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;

const cleanups = cleanupStack(log);
const cleanUp = cleanups.run;

async function main() {
  ensureBuild();
  const dir = mkdtempSync(path.join(os.tmpdir(), "vc-bench-console-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const ports: number[] = [];
  for (let i = 0; i < 6; i++) ports.push(await freePort());
  const [port, sourcePort, wsfyVncPort, wsfySourcePort, socatVncPort, socatSourcePort] = ports;
  BASE = `http://127.0.0.1:${port}`;

  // The database: this machine's libvirt, and a test-driver host whose one guest's "VNC display" is the byte source.
  const url = `file:${path.join(dir, "console.db")}`;
  await migrate(url);
  const sourceFile = path.join(dir, "byte-source.xml");
  writeFileSync(
    sourceFile,
    `<node><domain type='test'><name>byte-source</name><uuid>${SOURCE_UUID}</uuid><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type>hvm</type></os>` +
      `<devices><graphics type='vnc' port='${sourcePort}' autoport='no' listen='127.0.0.1'/></devices></domain></node>`,
  );
  const setupDb = createDb(url);
  const [localHostId, sourceHostId] = [newId(), newId()];
  await setupDb.host.create({ data: { id: localHostId, name: "localhost", uri: "qemu:///system" } });
  await setupDb.host.create({ data: { id: sourceHostId, name: "byte-source", uri: `test://${sourceFile}` } });
  await setupDb.$disconnect();

  // Its own process: sharing this one's thread with the client would make the client slower on every path.
  const source = fork(path.resolve("scripts/bench/byte-source.ts"), [String(sourcePort)], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  cleanups.push(() => source.kill());
  await once(source, "message");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: dir,
    DATABASE_URL: url,
    ADMIN_PASSWORD: PASSWORD,
  };
  const server = startGroup("npx", ["--no-install", "tsx", "--tsconfig", "tsconfig.server.json", "server.ts"], env);
  cleanups.push(server.stop);

  log(`booting ${GUESTS} test guests`);
  const lv = await Libvirt.open("qemu:///system");
  cleanups.push(() => lv.close());
  const guests = await Promise.all(
    Array.from({ length: GUESTS }, async () => {
      const guest = await startTestGuest(lv, { namePrefix: "bench-console" });
      cleanups.push(guest.cleanup);
      if (!(await waitForBoot(lv, guest.dom))) throw new Error(`${guest.name} did not boot`);
      const vnc = Domain.parse(await lv.domains.xml(guest.dom)).devices.graphics.find((g) => g.type === "vnc");
      if (!vnc?.port || vnc.port < 0) throw new Error(`${guest.name} has no VNC port`);
      return { uuid: uuidToString(guest.dom.uuid), vncPort: vnc.port };
    }),
  );

  const websockifies = [
    [wsfyVncPort, guests[0].vncPort],
    [wsfySourcePort, sourcePort],
  ].map(([listen, target]) => {
    const group = startGroup("/usr/bin/websockify", [`127.0.0.1:${listen}`, `127.0.0.1:${target}`]);
    cleanups.push(group.stop);
    return group;
  });
  const socats = [
    [socatVncPort, guests[0].vncPort],
    [socatSourcePort, sourcePort],
  ].map(([listen, target]) => {
    const group = startGroup("socat", [
      "-b",
      "262144",
      `TCP-LISTEN:${listen},bind=127.0.0.1,reuseaddr,fork,nodelay`,
      `TCP:127.0.0.1:${target},nodelay`,
    ]);
    cleanups.push(group.stop);
    return group;
  });
  for (const listen of [wsfyVncPort, wsfySourcePort]) await waitFor("websockify", () => accepts(listen));
  for (const listen of [socatVncPort, socatSourcePort]) await waitFor("socat", () => accepts(listen));
  await waitFor("the server", async () => {
    if (server.child.exitCode !== null) throw new Error(`the server exited with ${server.child.exitCode}`);
    return fetch(`${BASE}/login`).then(
      (r) => r.ok,
      () => false,
    );
  });
  // Signed in once; every ticket below reuses this session (no login rate limit in the way).
  const body = JSON.stringify({ username: "admin", password: PASSWORD });
  const login = await fetch(`${BASE}/api/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: BASE },
    body,
  });
  if (!login.ok) throw new Error(`sign-in failed: ${login.status}`);
  COOKIE = login.headers.get("set-cookie")!.split(";")[0];

  const middlePid: Record<PathName, number | null> = {
    "direct TCP": null,
    websockify: websockifies[1].child.pid!,
    "our relay": listeningPid(server.child.pid!, port),
    "TCP relay (socat)": socats[1].child.pid!,
  };
  const open: Record<PathName, (target: "vnc" | "source") => Promise<Conn>> = {
    "direct TCP": (t) => tcpConn(t === "vnc" ? guests[0].vncPort : sourcePort),
    websockify: (t) => wsConn(`ws://127.0.0.1:${t === "vnc" ? wsfyVncPort : wsfySourcePort}/`, ["binary"]),
    "our relay": (t) => (t === "vnc" ? relayConn(localHostId, guests[0].uuid) : relayConn(sourceHostId, SOURCE_UUID)),
    "TCP relay (socat)": (t) => tcpConn(t === "vnc" ? socatVncPort : socatSourcePort),
  };
  const results = {} as Record<PathName, { vnc: Result; source: Result }>;
  const sourceConns = {} as Record<PathName, Conn>;
  for (const name of PATHS) {
    log(`${name}: QEMU VNC server`);
    const vncConn = await open[name]("vnc");
    const vnc = await measureVnc(vncConn).finally(() => vncConn.close());
    log(`${name}: byte source, round trips`);
    sourceConns[name] = await open[name]("source");
    cleanups.push(() => sourceConns[name].close());
    results[name] = { vnc, source: { mbPerS: 0, rtts: await pingSource(sourceConns[name]) } };
  }
  for (const name of PATHS) sourceConns[name].close();
  log(`byte source: ${BULK_RUNS} rounds of ${BULK_BYTES >> 20} MiB downloads, the paths taking turns, from a client process of its own`);
  const bulkPaths: Record<PathName, () => Promise<BulkTarget>> = {
    "direct TCP": async () => ({ port: sourcePort }),
    websockify: async () => ({ url: `ws://127.0.0.1:${wsfySourcePort}/`, protocols: ["binary"], headers: {} }),
    "our relay": async () => ({ url: await relayUrl(sourceHostId, SOURCE_UUID), protocols: [], headers: { Cookie: COOKIE, Origin: BASE } }),
    "TCP relay (socat)": async () => ({ port: socatSourcePort }),
  };
  const job: BulkJob = { bytes: BULK_BYTES, warmupBytes: BULK_WARMUP_BYTES, runs: BULK_RUNS, paths: [] };
  for (const name of PATHS) job.paths.push({ name, middlePid: middlePid[name], ...(await bulkPaths[name]()) });
  const client = fork(path.resolve("scripts/bench/support/bulk-client.ts"), [JSON.stringify(job)], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  cleanups.push(() => client.kill());
  const [reply] = (await once(client, "message")) as [{ result?: BulkResult; error?: string }];
  if (!reply.result) throw new Error(`download client: ${reply.error}`);
  const bulk = reply.result;
  const gigabytes = (BULK_RUNS * BULK_BYTES) / 1e9;
  for (const name of PATHS) {
    results[name].source.mbPerS = BULK_BYTES / 1e6 / (median(bulk[name].times) / 1000);
    results[name].source.cpuMsPerGb = (bulk[name].middleCpu * 1000) / gigabytes;
  }
  const runs = PATHS.map((n) => `${n} ${bulk[n].times.map((t) => (BULK_BYTES / 1e6 / (t / 1000)).toFixed(0)).join(", ")}`).join("; ");

  log(`${SESSIONS} concurrent relay sessions`);
  const serverPid = middlePid["our relay"]!;
  await sleep(1000);
  const rssBefore = rssMiB(serverPid);
  const started = performance.now();
  const opened = await Promise.all(
    Array.from({ length: SESSIONS }, async (_, i) => {
      const c = await relayConn(localHostId, guests[i % GUESTS].uuid);
      cleanups.push(() => c.close());
      return { c, screen: await rfbHandshake(c) };
    }),
  );
  const openMs = performance.now() - started;
  await Promise.all(opened.map(({ c, screen }) => (c.send(fullUpdateRequest(screen)), readUpdate(c, screen))));
  const updatedMs = performance.now() - started;
  await sleep(1000);
  const rssWith = rssMiB(serverPid);
  opened.forEach(({ c }) => c.close());

  const direct = { vnc: median(results["direct TCP"].vnc.rtts), source: median(results["direct TCP"].source.rtts) };
  const cells = (r: Result, base: number) => [
    r.mbPerS.toFixed(1),
    median(r.rtts).toFixed(3),
    quantile(r.rtts, 0.99).toFixed(3),
    (median(r.rtts) - base).toFixed(3),
  ];
  console.log(
    `\n(a) = the guest's QEMU VNC server (throughput: ${UPDATES} full-screen raw updates; round trip: SetEncodings → immediate ExtendedKeyEvent ack, ${ROUNDS} after ${WARMUP} warm-up);` +
      `\n(b) = a byte source in a child process (throughput: median of ${BULK_RUNS} × ${BULK_BYTES >> 20} MiB downloads; round trip: 1-byte ping-pong, ${ROUNDS} after ${WARMUP} warm-up)\n`,
  );
  const heads = ["throughput (MB/s)", "median round trip (ms)", "p99 (ms)", "added median vs direct (ms)"];
  console.log(`| path | ${[...heads.map((h) => `(a) ${h}`), ...heads.map((h) => `(b) ${h}`)].join(" | ")} |`);
  console.log(`|---|${"---|".repeat(8)}`);
  for (const name of PATHS)
    console.log(`| ${name} | ${[...cells(results[name].vnc, direct.vnc), ...cells(results[name].source, direct.source)].join(" | ")} |`);
  console.log(`\n(b) every download (MB/s, in order): ${runs}`);
  const cpu = PATHS.slice(1)
    .map((n) => `${n} ${results[n].source.cpuMsPerGb!.toFixed(0)} ms`)
    .join(", ");
  console.log(`(b) CPU time of the middle process per GB relayed (user + system, /proc): ${cpu}`);
  const own = PATHS.map((n) => `${n} ${((bulk[n].clientCpu * 1000) / gigabytes).toFixed(0)} ms`).join(", ");
  // Near the downloads' own duration, the client's one thread is what limits (b).
  console.log(`(b) CPU time of the download client (a process of its own) per GB: ${own}`);
  const updates = PATHS.map((n) => `${n} ${results[n].vnc.extra!.toFixed(0)} ms`).join(", ");
  console.log(
    `\n(a) a full-screen update request takes (median) ${updates}: QEMU answers it on its refresh timer, so (a) throughput is QEMU's, not the path's.`,
  );
  console.log(
    `${SESSIONS} relay sessions (${GUESTS} guests, ${SESSIONS / GUESTS} each), each with its own ticket: tickets, upgrades and RFB handshakes done in ${openMs.toFixed(0)} ms, ` +
      `a full update in each by ${updatedMs.toFixed(0)} ms; ` +
      `server RSS ${rssBefore.toFixed(1)} MiB → ${rssWith.toFixed(1)} MiB = ${((rssWith - rssBefore) / SESSIONS).toFixed(2)} MiB per session`,
  );

  console.log("\ngoal: throughput ≥ websockify's and within 10% of direct TCP; added median latency < 1 ms");
  const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
  for (const part of ["vnc", "source"] as const) {
    const [d, w, r, plain] = PATHS.map((n) => results[n][part].mbPerS);
    const added = median(results["our relay"][part].rtts) - direct[part];
    console.log(
      `${part === "vnc" ? "(a)" : "(b)"} throughput ${verdict(r >= w && r >= 0.9 * d)} (relay ${r.toFixed(1)}, websockify ${w.toFixed(1)}, direct ${d.toFixed(1)} MB/s); ` +
        `added latency ${verdict(added < 1)} (${added.toFixed(3)} ms); ` +
        `a plain TCP relay (socat) reaches ${(plain / d).toFixed(2)}× direct TCP here, our relay ${(r / d).toFixed(2)}×`,
    );
  }
}

process.once("SIGINT", () => void cleanUp().finally(() => process.exit(130)));
main()
  .then(cleanUp)
  .then(() => process.exit(0))
  .catch(async (err) => {
    console.error(err);
    await cleanUp();
    process.exit(1);
  });
