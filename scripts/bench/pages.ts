// Per-page benchmark at fleet size (issue 28): every page of the console with 10,000 guests on 100 hosts, against
// the same pages with one host of 10 guests (the peer, measured in the same run, rounds interleaved). Both are the
// production build's server (server.ts) with its own database; the hosts are libvirt test-driver nodes reached
// through libvirtd (each connection its own copy: guests, one network, one pool), and this machine's own libvirt,
// where the wizard starts (the test driver cannot describe a guest to build). Debian's chromium via Playwright.
// Per page and round, from a fresh navigation (the HTTP cache warm, as for a person who was here before):
//   - largest contentful paint: the last 'largest-contentful-paint' entry (buffered) once the page is quiet (no
//     /api/ call in flight for 700 ms and no "Loading" text on screen);
//   - the slowest API call behind the page: the longest Resource Timing entry of /api/* up to that point;
//   - input to next paint: Event Timing ('event' entries, durationThreshold 16, the longest with an interactionId)
//     of one input: a letter typed into the page's search box or first text field; on a page with tabs, a click
//     back on its tab after visiting another; otherwise the Tab key. No entry means under 16 ms (printed "≤16").
// Printed: medians of --rounds rounds, with the goals (LCP < 1 s, input < 100 ms) and the fleet/small ratio.
// Usage: npm run bench:pages [-- --rounds 5 --hosts 100 --guests 100 --pages "host|Backups"]   (needs `next build`;
// npm run bench does it). --pages keeps only the pages whose name matches (a case-insensitive regular expression).
import { writeFileSync } from "node:fs";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "@playwright/test";
import type { GuestListResponse } from "../../lib/guests/types";
import { median, startBenchServer, type BenchServer } from "./support/bench-server";
import { loadAverage } from "./support/proc-stats";
import { cleanupStack, ensureBuild } from "./support/run";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROUNDS = arg("rounds", 5);
const HOSTS = arg("hosts", 100);
const GUESTS = arg("guests", 100);
const SMALL_GUESTS = 10;
const pagesFilter = (() => {
  const i = process.argv.indexOf("--pages");
  return i > 0 ? new RegExp(process.argv[i + 1], "i") : null;
})();
const LOCAL = "qemu:///system";
const log = (m: string) => console.error(`pages bench: ${m}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A test-driver node: `count` running guests, one network and one pool (each connection gets its own copy). */
function nodeFile(dir: string, count: number): string {
  const domains = Array.from(
    { length: count },
    (_, i) =>
      `<domain type='test'><name>pg-${String(i).padStart(4, "0")}</name><memory unit='MiB'>512</memory><vcpu>2</vcpu><os><type>hvm</type></os></domain>`,
  ).join("");
  const file = path.join(dir, `node-${count}.xml`);
  writeFileSync(
    file,
    `<node>${domains}<network><name>default</name><bridge name='virbr0'/><forward/><ip address='192.168.122.1' netmask='255.255.255.0'/></network>` +
      `<pool type='dir'><name>default-pool</name><capacity unit='GiB'>100</capacity><allocation unit='GiB'>10</allocation>` +
      `<available unit='GiB'>90</available><target><path>/default-pool</path></target></pool></node>`,
  );
  return `test://${file}`;
}

type Input =
  | { kind: "type"; label: string }
  | { kind: "tab"; tab: string; other: string }
  | { kind: "click"; selector: string; what: string }
  | { kind: "key" };
type PageSpec = { name: string; url: (s: Setup) => string; input: Input };
type Setup = { bench: BenchServer; context: BrowserContext; page: Page; hostId: string; uuid: string };

const guestTabs = ["Overview", "Performance", "Hardware", "XML", "Snapshots", "Backups"];
const ALL_PAGES: PageSpec[] = [
  { name: "dashboard", url: () => "/", input: { kind: "key" } },
  { name: "guest list", url: () => "/guests", input: { kind: "type", label: "Search guests" } },
  ...guestTabs.map((tab): PageSpec => ({
    name: `guest: ${tab}`,
    url: (s) => `/guests/${s.hostId}/${s.uuid}${tab === "Overview" ? "" : `?tab=${tab.toLowerCase()}`}`,
    input: { kind: "tab", tab, other: tab === "Overview" ? "Performance" : "Overview" },
  })),
  { name: "hosts", url: () => "/hosts", input: { kind: "key" } },
  { name: "a host", url: (s) => `/hosts/${s.hostId}`, input: { kind: "key" } },
  { name: "storage", url: () => "/storage", input: { kind: "key" } },
  { name: "networks", url: () => "/networks", input: { kind: "key" } },
  {
    name: "new guest wizard, first step",
    url: () => "/guests/new",
    input: { kind: "click", selector: "main input[name=method]:not(:checked)", what: "another install method" },
  },
  { name: "admin: users", url: () => "/admin/users", input: { kind: "key" } },
  { name: "admin: audit log", url: () => "/admin/audit", input: { kind: "type", label: "" } },
  { name: "admin: settings", url: () => "/admin/settings", input: { kind: "key" } },
  { name: "admin: sign-in", url: () => "/admin/sign-in", input: { kind: "key" } },
  { name: "admin: clusters", url: () => "/admin/clusters", input: { kind: "key" } },
];
const PAGES = pagesFilter ? ALL_PAGES.filter((p) => pagesFilter.test(p.name)) : ALL_PAGES;

/** True while some text on screen (not scrolled away) starts with "Loading". */
const loadingOnScreen = () => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent?.trimStart().startsWith("Loading")) continue;
    const box = n.parentElement?.getBoundingClientRect();
    if (box && box.height > 0 && box.bottom > 0 && box.top < window.innerHeight) return true;
  }
  return false;
};

/** Resolves once no /api/ request has been in flight for `quietMs` and nothing on screen says "Loading" (at most `ms`). */
async function quiet(page: Page, inFlight: () => number, quietMs = 700, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  let since = Date.now();
  while (Date.now() < end) {
    const loading = await page.evaluate(loadingOnScreen).catch(() => true);
    if (inFlight() > 0 || loading) since = Date.now();
    else if (Date.now() - since >= quietMs) return;
    await sleep(50);
  }
  throw new Error(`${page.url()} not quiet within ${ms / 1000} s`);
}

type Figures = { lcp: number; lcpWhat: string; input: number; api: number; apiName: string };

/** In the page, before any script: collects LCP and Event Timing entries (both buffered from the start). */
const collectors = () => {
  const w = window as unknown as { __lcp: number; __lcpWhat: string; __events: { start: number; duration: number }[] };
  w.__lcp = NaN;
  w.__lcpWhat = "";
  w.__events = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as (PerformanceEntry & { element?: Element | null })[]) {
      w.__lcp = e.startTime;
      const el = e.element;
      w.__lcpWhat = el ? `${el.tagName.toLowerCase()} "${(el.textContent ?? "").trim().slice(0, 40)}"` : "";
    }
  }).observe({ type: "largest-contentful-paint", buffered: true });
  new PerformanceObserver((list) => {
    // interactionId is in Chromium's Event Timing but not yet in TypeScript's DOM types.
    for (const e of list.getEntries() as (PerformanceEventTiming & { interactionId?: number })[])
      if (e.interactionId) w.__events.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: "event", buffered: true, durationThreshold: 16 } as PerformanceObserverInit);
};

async function measurePage(s: Setup, spec: PageSpec, inFlight: () => number): Promise<Figures> {
  const { page } = s;
  await page.goto(`${s.bench.base}${spec.url(s)}`);
  await quiet(page, inFlight);
  const { lcp, lcpWhat, api, apiName } = await page.evaluate(() => {
    const apis = performance.getEntriesByType("resource").filter((e) => new URL(e.name).pathname.startsWith("/api/"));
    const slowest = apis.reduce<PerformanceEntry | null>((a, e) => (!a || e.duration > a.duration ? e : a), null);
    return {
      lcp: (window as unknown as { __lcp: number }).__lcp,
      lcpWhat: (window as unknown as { __lcpWhat: string }).__lcpWhat,
      api: slowest?.duration ?? 0,
      apiName: slowest ? new URL(slowest.name).pathname.replace(/[0-9a-f-]{36}/g, ":uuid").replace(/\/hosts\/[^/]+/, "/hosts/:id") : "—",
    };
  });

  // The input: its Event Timing entries after `mark` (the page's clock).
  if (spec.input.kind === "tab") {
    await page.getByRole("tab", { name: spec.input.other, exact: true }).click();
    await quiet(page, inFlight);
  }
  const mark = await page.evaluate(() => performance.now());
  if (spec.input.kind === "type") {
    const field = spec.input.label
      ? page.getByRole("searchbox", { name: spec.input.label })
      : page.locator("main input[type=text], main input:not([type]), main input[type=search]").first();
    await field.click();
    await field.press("a");
  } else if (spec.input.kind === "tab") {
    await page.getByRole("tab", { name: spec.input.tab, exact: true }).click();
  } else if (spec.input.kind === "click") {
    await page.locator(spec.input.selector).first().click();
  } else {
    await page.keyboard.press("Tab");
  }
  await sleep(300); // the entries are reported after the next paint
  const input = await page.evaluate(
    (mark) =>
      Math.max(
        16,
        ...(window as unknown as { __events: { start: number; duration: number }[] }).__events
          .filter((e) => e.start >= mark)
          .map((e) => e.duration),
      ),
    mark,
  );
  return { lcp, lcpWhat, input, api, apiName };
}

async function setup(
  label: string,
  hosts: (dir: string) => Record<string, string>,
  browser: Awaited<ReturnType<typeof chromium.launch>>,
  guests: number,
  push: (step: () => unknown) => void,
): Promise<Setup & { inFlight: () => number }> {
  const bench = await startBenchServer(hosts);
  push(() => bench.stop());
  log(`${label}: server up at ${bench.base}, waiting for ${guests} guests`);
  const started = Date.now();
  let body: GuestListResponse | null = null;
  while (Date.now() - started < 600_000) {
    const res = await fetch(`${bench.base}/api/guests`, { headers: { Cookie: bench.cookie } });
    body = (await res.json()) as GuestListResponse;
    if (body.guests.length >= guests) break;
    await sleep(2000);
  }
  if (!body || body.guests.length < guests) throw new Error(`${label}: only ${body?.guests.length ?? 0} of ${guests} guests listed`);
  log(`${label}: all ${guests} guests listed after ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const hostIds = Object.entries(bench.hostIds)
    .filter(([name]) => name !== "local")
    .map(([, id]) => id);
  const hostId = hostIds[Math.floor(hostIds.length / 2)];
  const uuid = body.guests.find((g) => g.hostId === hostId)!.uuid;
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const [name, value] = bench.cookie.split("=");
  await context.addCookies([{ name, value, url: bench.base }]);
  await context.addInitScript(collectors);
  const page = await context.newPage();
  let inFlight = 0;
  const isApi = (url: string) => new URL(url).pathname.startsWith("/api/");
  page.on("request", (r) => void (isApi(r.url()) && inFlight++));
  page.on("requestfinished", (r) => void (isApi(r.url()) && inFlight--));
  page.on("requestfailed", (r) => void (isApi(r.url()) && inFlight--));
  return { bench, context, page, hostId, uuid, inFlight: () => Math.max(0, inFlight) };
}

async function main() {
  if (PAGES.length === 0) throw new Error(`no page matches --pages ${pagesFilter}`);
  ensureBuild();
  const undo = cleanupStack(log);
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  undo.push(() => browser.close());
  const results = new Map<string, { fleet: Figures[]; small: Figures[] }>(PAGES.map((p) => [p.name, { fleet: [], small: [] }]));
  const loads: string[] = [];
  try {
    // Each also has this machine (qemu:///system) as a host: the wizard starts there, as the test driver has no
    // domain capabilities to build a guest from.
    const small = await setup("small", (dir) => ({ local: LOCAL, small: nodeFile(dir, SMALL_GUESTS) }), browser, SMALL_GUESTS, undo.push);
    const fleet = await setup(
      "fleet",
      (dir) => {
        const uri = nodeFile(dir, GUESTS);
        return {
          local: LOCAL,
          ...Object.fromEntries(Array.from({ length: HOSTS }, (_, i) => [`fleet-${String(i).padStart(3, "0")}`, uri])),
        };
      },
      browser,
      HOSTS * GUESTS,
      undo.push,
    );
    const sides = { fleet, small };
    // Round 0 warms both (compiled pages, connections, caches) and is not counted.
    for (let round = 0; round <= ROUNDS; round++) {
      for (const spec of PAGES) {
        const order = (round + PAGES.indexOf(spec)) % 2 ? (["small", "fleet"] as const) : (["fleet", "small"] as const);
        for (const side of order) {
          const s = sides[side];
          try {
            const f = await measurePage(s, spec, s.inFlight);
            if (round > 0) results.get(spec.name)![side].push(f);
          } catch (err) {
            const shot = `/tmp/bench-pages-${side}-${spec.name.replace(/\W+/g, "-")}.png`;
            await s.page.screenshot({ path: shot }).catch(() => undefined);
            log(`${side} ${spec.name}: ${String(err).split("\n")[0]} (screenshot ${shot})`);
            if (round > 0) results.get(spec.name)![side].push({ lcp: NaN, lcpWhat: "", input: NaN, api: NaN, apiName: "failed" });
          }
        }
      }
      loads.push(loadAverage());
      log(`round ${round}${round ? "" : " (warm-up)"} done, load ${loads.at(-1)}`);
    }
  } finally {
    await undo.run();
  }
  report(results, loads);
}

function report(results: Map<string, { fleet: Figures[]; small: Figures[] }>, loads: string[]): void {
  const med = (xs: number[]) => median(xs.filter((x) => !Number.isNaN(x)));
  const ms = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? "—" : x.toFixed(0));
  const inp = (x: number | undefined) => (x === 16 ? "≤16" : ms(x));
  const ratio = (a?: number, b?: number) => (a !== undefined && b ? (a / b).toFixed(2) : "—");
  const mode = (names: string[]) =>
    [...names.reduce((m, n) => m.set(n, (m.get(n) ?? 0) + 1), new Map<string, number>())].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "—";
  console.log(
    `\nbench:pages ${new Date().toISOString()} · ${HOSTS} hosts x ${GUESTS} guests vs 1 host x ${SMALL_GUESTS} · ${ROUNDS} rounds (medians) · load average per round ${loads.join(", ")}`,
  );
  console.log("goal at fleet size: LCP < 1000 ms, input to next paint < 100 ms");
  console.log(
    "| page | LCP fleet (ms) | LCP small (ms) | fleet/small | input fleet (ms) | input small (ms) | slowest API, fleet (ms) | slowest API, small (ms) | goal met |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|");
  for (const spec of PAGES) {
    const { fleet, small } = results.get(spec.name)!;
    const [lf, ls] = [med(fleet.map((f) => f.lcp)), med(small.map((f) => f.lcp))];
    const [inf, ins] = [med(fleet.map((f) => f.input)), med(small.map((f) => f.input))];
    const input = {
      type: "type a letter",
      tab: `click tab ${spec.input.kind === "tab" ? spec.input.tab : ""}`,
      click: spec.input.kind === "click" ? `click ${spec.input.what}` : "",
      key: "Tab key",
    }[spec.input.kind];
    const met = lf !== undefined && inf !== undefined && lf < 1000 && inf < 100 ? "yes" : "no";
    console.log(
      `| ${spec.name} (${input}) | ${ms(lf)} | ${ms(ls)} | ${ratio(lf, ls)} | ${inp(inf)} | ${inp(ins)} | ${ms(med(fleet.map((f) => f.api)))} ${mode(fleet.map((f) => f.apiName))} | ${ms(med(small.map((f) => f.api)))} | ${met} |`,
    );
  }
  console.log("\nlargest contentful element at fleet size, per page (the most frequent over the rounds):");
  for (const spec of PAGES) console.log(`- ${spec.name}: ${mode(results.get(spec.name)!.fleet.map((f) => f.lcpWhat || "—"))}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
