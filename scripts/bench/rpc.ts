// RPC benchmark: calls/s of this client (sequential and pipelined) vs python3-libvirt
// (child process, same calls) vs one `virsh` process per call, on a test-driver
// connection with 1,000 domains. Everything goes through the running libvirtd.
// Each op runs in rounds (python3-libvirt, then ours sequential, then ours pipelined) and the medians count, so a
// busy spell of the machine falls on both clients alike instead of on whichever ran then.
// Usage: tsx scripts/bench/rpc.ts [--calls N] [--domains N] [--rounds N]
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { connect, remoteProcedures as p, type LibvirtClient } from "../../lib/libvirt";

const execFileAsync = promisify(execFile);
const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const CALLS = arg("calls", 3000);
const DOMAINS = arg("domains", 1000);
const VIRSH_CALLS = arg("virsh-calls", 10);
const ROUNDS = arg("rounds", 3);
const PIPELINE_WINDOW = 64;
/** Debian's interpreter: python3-libvirt lives in its dist-packages (a pyenv python3 may shadow it). */
const PYTHON = process.env.BENCH_PYTHON ?? "/usr/bin/python3";

type Op = "CONNECT_GET_VERSION" | "CONNECT_LIST_ALL_DOMAINS" | "CONNECT_GET_ALL_DOMAIN_STATS";
const OPS: Op[] = ["CONNECT_GET_VERSION", "CONNECT_LIST_ALL_DOMAINS", "CONNECT_GET_ALL_DOMAIN_STATS"];
const VIRSH_ARGS: Record<Op, string[]> = {
  CONNECT_GET_VERSION: ["version"],
  CONNECT_LIST_ALL_DOMAINS: ["list", "--all"],
  CONNECT_GET_ALL_DOMAIN_STATS: ["domstats"],
};
/** Stats over 1,000 domains is ~100x heavier; run a tenth of the calls. */
const callsFor = (op: Op): number => (op === "CONNECT_GET_ALL_DOMAIN_STATS" ? Math.max(1, Math.floor(CALLS / 10)) : CALLS);

function call(client: LibvirtClient, op: Op): Promise<unknown> {
  switch (op) {
    case "CONNECT_GET_VERSION":
      return client.call(p.CONNECT_GET_VERSION, undefined);
    case "CONNECT_LIST_ALL_DOMAINS":
      return client.call(p.CONNECT_LIST_ALL_DOMAINS, { need_results: 1, flags: 0 });
    case "CONNECT_GET_ALL_DOMAIN_STATS":
      return client.call(p.CONNECT_GET_ALL_DOMAIN_STATS, { doms: [], stats: 0, flags: 0 });
  }
}

/** Lets the JIT settle before timing (the first few hundred calls run unoptimised code). */
async function warmUp(client: LibvirtClient, op: Op): Promise<void> {
  for (let i = 0; i < Math.min(3000, callsFor(op)); i++) await call(client, op);
}

async function sequential(client: LibvirtClient, op: Op): Promise<number> {
  const n = callsFor(op);
  await warmUp(client, op);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await call(client, op);
  return (n * 1000) / (performance.now() - t0);
}

async function pipelined(client: LibvirtClient, op: Op): Promise<number> {
  const n = callsFor(op);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next++ < n) await call(client, op);
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: PIPELINE_WINDOW }, worker));
  return (n * 1000) / (performance.now() - t0);
}

async function virshRate(uri: string, op: Op): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < VIRSH_CALLS; i++) await execFileAsync("virsh", ["-c", uri, ...VIRSH_ARGS[op]], { maxBuffer: 64 << 20 });
  return (VIRSH_CALLS * 1000) / (performance.now() - t0);
}

function testDriverFile(dir: string): string {
  const doms = Array.from(
    { length: DOMAINS },
    (_, i) =>
      `<domain type='test'><name>bench-${String(i).padStart(4, "0")}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>`,
  );
  const file = path.join(dir, "bench-node.xml");
  writeFileSync(file, `<node>\n${doms.join("\n")}\n</node>\n`);
  return file;
}

const fmt = (n: number): string => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-rpc-"));
  try {
    const file = testDriverFile(dir);
    // A custom test-driver file gives each connection a private 1,000-domain driver inside the
    // daemon; "+unix" forces python and virsh through libvirtd too (plain test:// is in-process).
    const daemonUri = `test+unix://${file}`;
    const client = await connect(daemonUri, { reconnect: false });
    const listed = await client.call(p.CONNECT_LIST_ALL_DOMAINS, { need_results: 0, flags: 0 });
    console.log(
      `test driver via libvirtd: ${listed.ret} domains; ${CALLS} calls per op (stats: ${callsFor("CONNECT_GET_ALL_DOMAIN_STATS")}) in each of ${ROUNDS} rounds, virsh: ${VIRSH_CALLS} processes per op\n`,
    );

    const pythonRate = (op: Op): number =>
      (
        JSON.parse(
          execFileSync(PYTHON, [path.join(__dirname, "rpc-python.py"), daemonUri, String(CALLS), op], { encoding: "utf8" }),
        ) as Record<Op, number>
      )[op];
    const rows: string[][] = [];
    for (const op of OPS) {
      const runs = { py: [] as number[], seq: [] as number[], pipe: [] as number[] };
      for (let round = 0; round < ROUNDS; round++) {
        runs.py.push(pythonRate(op));
        runs.seq.push(await sequential(client, op));
        runs.pipe.push(await pipelined(client, op));
      }
      console.log(
        `${op}: python ${runs.py.map(fmt).join(", ")}; ours sequential ${runs.seq.map(fmt).join(", ")}; pipelined ${runs.pipe.map(fmt).join(", ")}`,
      );
      const [py, seq, pipe] = [median(runs.py), median(runs.seq), median(runs.pipe)];
      const virsh = await virshRate(daemonUri, op);
      rows.push([
        op,
        fmt(seq),
        fmt(pipe),
        fmt(py),
        fmt(virsh),
        `${(seq / py).toFixed(2)}x`,
        `${(pipe / py).toFixed(2)}x`,
        `${(seq / virsh).toFixed(0)}x`,
      ]);
    }
    await client.close();
    const header = [
      "operation (calls/s)",
      "ts seq",
      `ts pipelined(${PIPELINE_WINDOW})`,
      "python seq",
      "virsh/call",
      "seq/python",
      "pipe/python",
      "seq/virsh",
    ];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ");
    console.log(line(header));
    console.log(widths.map((w) => "-".repeat(w)).join("-|-"));
    for (const r of rows) console.log(line(r));
    console.log("\ngoals: seq/python >= 1.0x, pipe/python >= 2x, seq/virsh > 100x");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
