// Guest list benchmark: GET /api/guests time and the guest page's first render in Debian's chromium,
// for test-driver hosts with 1,000 and 10,000 guests, against the real server (production build).
// Goal (issue 5): API under 50 ms and first render under 500 ms at 1,000 guests. Medians are printed.
// Usage: tsx scripts/bench/guest-list.ts [--runs N] [--api-only]   (needs `next build` first; npm run bench does it)
import { writeFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { median, startBenchServer } from "./support/bench-server";

const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 20;
const SIZES = [1000, 10_000];
const API_ONLY = process.argv.includes("--api-only");

/** A test-driver node file: libvirtd's test driver loads every domain in it, all running. */
function fleetFile(dir: string, count: number): string {
  const domains = Array.from({ length: count }, (_, i) => {
    const uuid = `${i.toString(16).padStart(8, "0")}-0000-4000-8000-000000000000`;
    return `<domain type='test'><name>fleet-${String(i).padStart(5, "0")}</name><uuid>${uuid}</uuid><memory unit='MiB'>512</memory><vcpu>2</vcpu><os><type>hvm</type></os></domain>`;
  });
  const file = path.join(dir, `fleet-${count}.xml`);
  writeFileSync(file, `<node>${domains.join("")}</node>`);
  return file;
}

async function main() {
  const bench = await startBenchServer((dir) =>
    Object.fromEntries(SIZES.map((size) => [`fleet-${size}`, `test://${fleetFile(dir, size)}`])),
  );
  const BASE = bench.base;
  const cookie = bench.cookie;
  const hostIds = Object.fromEntries(SIZES.map((size) => [size, bench.hostIds[`fleet-${size}`]]));
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  try {
    console.error("guest-list bench: server up");
    const [cookieName, cookieValue] = cookie.split("=");
    const context = await browser.newContext({ baseURL: BASE });
    await context.addCookies([{ name: cookieName, value: cookieValue, url: BASE }]);
    const page = await context.newPage();

    const rows: string[][] = [];
    for (const size of SIZES) {
      const api = async () => {
        const started = performance.now();
        const res = await fetch(`${BASE}/api/guests?hostId=${hostIds[size]}`, { headers: { Cookie: cookie } });
        const body = (await res.json()) as { guests: unknown[] };
        if (body.guests.length !== size) throw new Error(`expected ${size} guests, got ${body.guests.length}`);
        return performance.now() - started;
      };
      console.error(`guest-list bench: ${size} guests, warming up`);
      await api(); // warm-up: connects the host and fills the title cache
      const apiTimes: number[] = [];
      for (let i = 0; i < RUNS; i++) apiTimes.push(await api());
      // Spaced past the server's one-second snapshot, so each of these reads libvirt afresh.
      const freshTimes: number[] = [];
      for (let i = 0; i < 5; i++) {
        await new Promise((r) => setTimeout(r, 1100));
        freshTimes.push(await api());
      }

      const renderTimes: number[] = [];
      for (let i = 0; !API_ONLY && i < Math.max(3, Math.floor(RUNS / 4)); i++) {
        await page.goto(`/guests?host=${hostIds[size]}`);
        await page.locator('[data-testid="guest-row"]').first().waitFor({ timeout: 60_000 });
        renderTimes.push(await page.evaluate(() => performance.now()));
      }
      rows.push([
        size.toLocaleString("en"),
        median(apiTimes).toFixed(1),
        median(freshTimes).toFixed(1),
        API_ONLY ? "not measured" : median(renderTimes).toFixed(0),
      ]);
    }
    console.log(
      "\n| guests | GET /api/guests, back to back (ms) | GET /api/guests, fresh read (ms) | guest page first row, from navigation (ms) |",
    );
    console.log("|---|---|---|---|");
    for (const r of rows) console.log(`| ${r.join(" | ")} |`);
    console.log("\ngoal at 1,000 guests: API < 50 ms, first render < 500 ms");
  } finally {
    await browser.close();
    await bench.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
