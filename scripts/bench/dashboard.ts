// Dashboard at fleet size (issue 25). Goal: with 500 hosts and 10,000 guests the dashboard's first paint stays
// under 1 s and its API under 200 ms. Printed, never asserted. For each size (the peer, 50 hosts, then 500), a
// fresh SQLite database gets the hosts — test-driver hosts with 20 running guests each, every one its own
// connection through libvirtd, as fleet.ts does: the dashboard reads each host live (its size, its guests, its
// pools) — and 30 days of hourly history for each host and two pools per host (what the forecasts fit), seeded
// with multi-row INSERTs in one transaction. The fleet's forecasts are then stored as the hourly scheduler job
// stores them (storeFleetForecasts); the real server (production build) starts, every host connects, and
// GET /api/fleet and GET /api/capacity are timed over HTTP (p50 / p95 of --runs back-to-back reads after three
// warm-ups), then the dashboard page is loaded in Debian's chromium --loads times: first paint, first
// contentful paint and largest contentful paint (the browser's own entries, read once the hosts card shows).
// Guests' own hourly history is not seeded: the dashboard reads none of it (top guests come from the newest
// live round). Usage: tsx --tsconfig tsconfig.server.json scripts/bench/dashboard.ts [--hosts 500] [--peer 50]
//   [--guests 20] [--days 30] [--runs 30] [--loads 5]   (needs `next build` first; npm run bench does it)
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser } from "@playwright/test";
import { createDb, type Db } from "../../lib/server/db";
import { storeFleetForecasts } from "../../lib/server/forecasts/fleet-forecasts";
import { migrate } from "../../lib/server/migrate";
import { privateTestDriverUri } from "../../tests/helpers/test-driver";
import { startBenchServer } from "./support/bench-server";
import { loadAverage } from "./support/proc-stats";

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const HOSTS = arg("hosts", 500);
const PEER = arg("peer", 50);
const GUESTS = arg("guests", 20);
const DAYS = arg("days", 30);
const RUNS = arg("runs", 30);
const LOADS = arg("loads", 5);
const HOUR = 3_600_000;
const ROWS_PER_INSERT = 500;
const log = (message: string) => console.error(`dashboard bench: ${message}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;

/** Multi-row INSERTs of the rows, all inside the caller's transaction. */
async function insertRows(tx: Db, table: string, columns: string[], rows: (string | number)[][]): Promise<void> {
  const quoted = columns.map((c) => `"${c}"`).join(", ");
  const one = `(${columns.map(() => "?").join(", ")})`;
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const chunk = rows.slice(i, i + ROWS_PER_INSERT);
    await tx.$executeRawUnsafe(`INSERT INTO "${table}" (${quoted}) VALUES ${chunk.map(() => one).join(", ")}`, ...chunk.flat());
  }
}

/** A fresh database with `hosts` test-driver hosts and DAYS of hourly host and pool rows; returns its URL and the seeding time. */
async function seed(dir: string, hosts: number, uri: string): Promise<{ url: string; seconds: number; rows: number }> {
  const url = `file:${path.join(dir, `dashboard-${hosts}.db`)}`;
  await migrate(url);
  const db = createDb(url);
  const started = performance.now();
  const now = Math.floor(Date.now() / HOUR) * HOUR;
  const hours = DAYS * 24;
  let rows = 0;
  try {
    const ids = Array.from({ length: hosts }, (_, h) => `dash-${h}`);
    await db.host.createMany({ data: ids.map((id) => ({ id, name: id, uri })) });
    await db.$transaction(
      async (tx) => {
        for (const [h, hostId] of ids.entries()) {
          const hostRows: (string | number)[][] = [];
          const poolRows: (string | number)[][] = [];
          for (let i = 0; i < hours; i++) {
            const bucket = (now - (hours - i) * HOUR) / 60_000;
            // CPU wobbling around a slow rise, memory growing: trends that fill within months on some hosts.
            hostRows.push([hostId, "", "1h", bucket, 1800, 20 + ((h + i) % 30) + i / 48, 4e6 + h * 1e3 + i * 2e3, 8e6]);
            for (const pool of ["default", "images"]) poolRows.push([hostId, pool, bucket, 1e12, 2e11 + i * (1e8 + h * 1e6)]);
          }
          await insertRows(
            tx as unknown as Db,
            "MetricPoint",
            ["hostId", "guestUuid", "resolution", "bucket", "samples", "cpuPercent", "memUsedKiB", "memTotalKiB"],
            hostRows,
          );
          await insertRows(
            tx as unknown as Db,
            "PoolUsagePoint",
            ["hostId", "pool", "bucket", "capacityBytes", "allocationBytes"],
            poolRows,
          );
          rows += hostRows.length + poolRows.length;
        }
      },
      { timeout: 30 * 60_000, maxWait: 60_000 },
    );
    const seconds = (performance.now() - started) / 1000;
    const stored = await storeFleetForecasts(db);
    log(
      `${hosts} hosts: ${rows} rows seeded in ${seconds.toFixed(1)} s; forecasts worked out in ${stored.tookMs} ms (${stored.items} items)`,
    );
    return { url, seconds, rows };
  } finally {
    await db.$disconnect();
  }
}

/** The page's paint entries: first paint, first contentful paint, the largest contentful paint so far. */
const PAINTS = `new Promise((resolve) => {
  const entry = (n) => performance.getEntriesByName(n)[0]?.startTime ?? NaN;
  new PerformanceObserver((list) => {
    const last = list.getEntries().at(-1);
    resolve({ fp: entry("first-paint"), fcp: entry("first-contentful-paint"), lcp: last?.startTime ?? NaN });
  }).observe({ type: "largest-contentful-paint", buffered: true });
})`;

type Result = {
  hosts: number;
  fleet: number[];
  capacity: number[];
  fp: number[];
  fcp: number[];
  lcp: number[];
  connectS: number;
  seedS: number;
};

async function measure(browser: Browser, dir: string, hosts: number, uri: string): Promise<Result> {
  const seeded = await seed(dir, hosts, uri);
  const bench = await startBenchServer(() => ({}), { databaseUrl: seeded.url });
  const db = createDb(seeded.url);
  try {
    // The first start adds this machine's own libvirt as "localhost"; only the test-driver hosts are measured.
    await db.host.deleteMany({ where: { NOT: { id: { startsWith: "dash-" } } } });
    const started = performance.now();
    while ((await db.hostState.count({ where: { state: "connected", hostId: { startsWith: "dash-" } } })) < hosts) {
      if (performance.now() - started > 600_000) throw new Error(`${hosts} hosts did not connect in 10 minutes`);
      await sleep(500);
    }
    const connectS = (performance.now() - started) / 1000;
    log(`${hosts} hosts connected in ${connectS.toFixed(1)} s`);
    const get = async (route: string, check: (body: Record<string, unknown[]>) => boolean) => {
      const t = performance.now();
      const res = await fetch(`${bench.base}${route}`, { headers: { Cookie: bench.cookie } });
      const body = (await res.json()) as Record<string, unknown[]>;
      const ms = performance.now() - t;
      if (!res.ok || !check(body)) throw new Error(`${route}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
      return ms;
    };
    const timesOf = async (route: string, check: (body: Record<string, unknown[]>) => boolean) => {
      for (let i = 0; i < 3; i++) await get(route, check);
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) times.push(await get(route, check));
      return times;
    };
    const fleet = await timesOf("/api/fleet", (b) => b.hosts?.length === hosts);
    const capacity = await timesOf("/api/capacity", (b) => (b.items?.length ?? 0) >= hosts);

    const context = await browser.newContext({ baseURL: bench.base });
    const [name, value] = bench.cookie.split("=");
    await context.addCookies([{ name: name!, value: value!, url: bench.base }]);
    const page = await context.newPage();
    const fp: number[] = [];
    const fcp: number[] = [];
    const lcp: number[] = [];
    await page.goto("/"); // warm-up: the server's first render of the page
    for (let i = 0; i < LOADS; i++) {
      await page.goto("/", { waitUntil: "commit" });
      await page.getByRole("region", { name: "Hosts" }).waitFor({ timeout: 60_000 });
      // A string, not a function: tsx would wrap a function's inner names in a helper the page does not have.
      const paints = await page.evaluate<{ fp: number; fcp: number; lcp: number }>(PAINTS);
      fp.push(paints.fp);
      fcp.push(paints.fcp);
      lcp.push(paints.lcp);
    }
    await context.close();
    return { hosts, fleet, capacity, fp, fcp, lcp, connectS, seedS: seeded.seconds };
  } finally {
    await db.$disconnect();
    await bench.stop();
  }
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "vc-bench-dashboard-"));
  const uri = privateTestDriverUri(GUESTS, "dash");
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  const results: Result[] = [];
  try {
    for (const hosts of [PEER, HOSTS]) results.push(await measure(browser, dir, hosts, uri));
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(path.dirname(uri.slice("test://".length)), { recursive: true, force: true });
  }
  const [peer, full] = results as [Result, Result];
  const f0 = (x: number) => x.toFixed(0);
  const pair = (xs: number[]) => `${f0(pct(xs, 50))} / ${f0(pct(xs, 95))}`;
  const ratio = (a: number[], b: number[]) => `${(pct(a, 50) / pct(b, 50)).toFixed(2)}x`;
  console.log(`\ndashboard bench, ${os.cpus().length} cores, ${new Date().toISOString()}, load ${loadAverage()}`);
  console.log(
    `\n| measure (p50 / p95 ms over ${RUNS} reads; paints: median / worst of ${LOADS} loads) | ${full.hosts} hosts x ${GUESTS} guests | peer: ${peer.hosts} hosts | ratio (p50) | goal |`,
  );
  console.log("|---|---|---|---|---|");
  console.log(`| GET /api/fleet | ${pair(full.fleet)} | ${pair(peer.fleet)} | ${ratio(full.fleet, peer.fleet)} | under 200 ms |`);
  console.log(
    `| GET /api/capacity | ${pair(full.capacity)} | ${pair(peer.capacity)} | ${ratio(full.capacity, peer.capacity)} | under 200 ms |`,
  );
  console.log(`| dashboard first paint | ${pair(full.fp)} | ${pair(peer.fp)} | ${ratio(full.fp, peer.fp)} | under 1000 ms |`);
  console.log(`| dashboard first contentful paint | ${pair(full.fcp)} | ${pair(peer.fcp)} | ${ratio(full.fcp, peer.fcp)} | |`);
  console.log(
    `| dashboard largest contentful paint (hosts card shown) | ${pair(full.lcp)} | ${pair(peer.lcp)} | ${ratio(full.lcp, peer.lcp)} | |`,
  );
  console.log(
    `| seeding ${DAYS} days of hourly host and pool rows (s) | ${full.seedS.toFixed(1)} | ${peer.seedS.toFixed(1)} | | a minute or two |`,
  );
  console.log(`| every host connected after (s) | ${full.connectS.toFixed(1)} | ${peer.connectS.toFixed(1)} | | |`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
