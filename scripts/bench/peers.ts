// Peer benchmark: this console and Cockpit Machines (Debian's packages, set up here by hand) on the same host,
// measured in interleaved rounds in one run in Debian's chromium. It is a benchmark, not a test: it prints medians,
// spreads (min–max) and our/their ratios, and removes what it set up.
//   (a) guest list with --guests N (200; --large adds 1,000) defined-but-off guests, from navigation until a named
//       guest is visible by search; (b) a state change made with virsh (start, suspend, resume, destroy) until each
//       page shows it, both pages open at once; (c) a running guest's VNC console, from the click that opens it
//       (ours: *Console* on the guest's page; Cockpit: the guest's name in its list, whose page holds the console)
//       to the first non-black frame, read from the display's canvas in the page, once the guest has booted; (d) page
//       weight of (a), bytes and requests over HTTP; (e) server-side CPU of each console's processes with no tab open,
//       then while one tab watches the list, --watch seconds each (libvirtd, which both share, is left out).
// Usage: npm run bench:peers [-- --rounds 5 --guests 200 --large --watch 60 --debian-dbus-limits]   (as root; needs
// `next build`). The D-Bus system bus it starts lets a connection wait for many replies (peers/cockpit.ts says why);
// --debian-dbus-limits keeps Debian's 128.
import { execFileSync } from "node:child_process";
import { chromium, type BrowserContext, type Frame, type Page } from "@playwright/test";
import { Libvirt } from "../../lib/libvirt";
import { ensureTestGuestImage, resolveVirtType, testGuestXml, waitForBoot } from "../../tests/helpers/test-guest";
import { COCKPIT_USER, cockpitSignIn, openMachines, startCockpit, type Cockpit } from "./peers/cockpit";
import { median, startBenchServer, type BenchServer } from "./support/bench-server";
import { cpuBetween, groupCpu, listenerPid, loadAverage } from "./support/proc-stats";
import { cleanupStack, ensureBuild } from "./support/run";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROUNDS = arg("--rounds", 5);
const SIZES = [arg("--guests", 200), ...(process.argv.includes("--large") ? [1000] : [])];
const WATCH_S = arg("--watch", 60);
const COCKPIT_PORT = arg("--cockpit-port", 3240);
const PREFIX = "peers-bench-";
const log = (m: string) => console.error(`peers: ${m}`);
const virsh = (...args: string[]) => execFileSync("virsh", ["-c", "qemu:///system", "-q", ...args], { stdio: "ignore" });

type Side = "ours" | "cockpit";
const results = new Map<string, Record<Side, number[]>>();
const note = (what: string, side: Side, value: number) => {
  if (!results.has(what)) results.set(what, { ours: [], cockpit: [] });
  results.get(what)![side].push(value);
};

/** A guest that is only defined (never started): enough for a list. */
const offGuestXml = (name: string) =>
  `<domain type='qemu'><name>${name}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os></domain>`;

// The label each page shows for a state, and where.
const cockpitWords: Record<string, string> = { running: "Running", paused: "Paused", shutoff: "Shut off" };

const withTimeout = <T>(ms: number, p: Promise<T>): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`nothing within ${ms} ms`)), ms))]);

/** In the page: resolves with Date.now() once check() holds, watching every DOM change. */
function whenInPage(target: Page | Frame, check: string, arg: string): Promise<number> {
  return target.evaluate(
    ([check, arg]) =>
      new Promise<number>((resolve) => {
        const holds = new Function("arg", check) as (a: string) => boolean;
        if (holds(arg)) return resolve(Date.now());
        const obs = new MutationObserver(() => {
          if (!holds(arg)) return;
          obs.disconnect();
          resolve(Date.now());
        });
        obs.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      }),
    [check, arg] as const,
  );
}

const ourState = (name: string) =>
  `const row = [...document.querySelectorAll('[data-testid="guest-row"]')].find((r) => r.textContent.includes(${JSON.stringify(name)}));` +
  `return row?.querySelector('[data-testid="state-badge"]')?.getAttribute("data-state") === arg;`;
const cockpitState = (name: string) =>
  `return document.querySelector('[id$=${JSON.stringify(`${name}-system-state`)}]')?.textContent?.includes(arg) ?? false;`;

async function ourList(page: Page, bench: BenchServer, hostId: string, name: string): Promise<void> {
  await page.goto(`${bench.base}/guests?host=${hostId}`);
  await page.getByRole("searchbox", { name: "Search guests" }).fill(name);
  await page.getByTestId("guest-row").filter({ hasText: name }).first().waitFor({ timeout: 60_000 });
}

async function cockpitList(page: Page, cockpit: Cockpit, name: string): Promise<Frame> {
  try {
    const frame = await openMachines(page, cockpit);
    await frame.locator("#text-search").fill(name, { timeout: 120_000 });
    await frame.locator(`[id$="${name}-system-state"]`).first().waitFor({ timeout: 120_000 });
    return frame;
  } catch (err) {
    await page.screenshot({ path: "/tmp/peers-cockpit-failed.png" });
    throw err;
  }
}

/** Bytes (as sent, compressed) and requests over HTTP while fn runs and a second after. */
async function weigh(context: BrowserContext, page: Page, fn: () => Promise<unknown>): Promise<{ bytes: number; requests: number }> {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  let bytes = 0;
  let requests = 0;
  cdp.on("Network.requestWillBeSent", () => requests++);
  cdp.on("Network.loadingFinished", (e) => (bytes += e.encodedDataLength));
  await fn();
  await page.waitForTimeout(1000);
  await cdp.detach();
  return { bytes, requests };
}

/**
 * In the page (or frame): resolves with Date.now() once a canvas matching `selector` shows a pixel that is not black,
 * read from the canvas itself every animation frame (every 3rd pixel of every 2nd row; text on a black VGA screen is enough).
 */
function whenNonBlack(target: Page | Frame, selector: string): Promise<number> {
  // A string, not a function: tsx wraps named inner functions in a __name() helper the page does not have.
  const probe = `new Promise((resolve) => {
    const look = () => {
      for (const canvas of document.querySelectorAll(${JSON.stringify(selector)})) {
        if (canvas.width < 100 || canvas.height < 100) continue;
        const ctx = canvas.getContext("2d");
        if (!ctx) continue;
        const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        for (let y = 0; y < canvas.height; y += 2)
          for (let x = 0, i = y * canvas.width * 4; x < canvas.width; x += 3, i += 12)
            if (px[i] + px[i + 1] + px[i + 2] > 96) return resolve(Date.now());
      }
      requestAnimationFrame(look);
    };
    look();
  })`;
  const drawn = target.evaluate<number>(probe);
  drawn.catch(() => undefined); // awaited later, or left when the step fails first: never an unhandled rejection
  return drawn;
}

/** Ours: the guest's page loaded, then *Console* clicked; ms from the click to the display's first non-black frame. */
async function ourFirstFrame(page: Page, bench: BenchServer, hostId: string, uuid: string): Promise<number> {
  await page.goto(`${bench.base}/guests/${hostId}/${uuid}`);
  const link = page.getByRole("link", { name: "Console", exact: true });
  await link.waitFor({ timeout: 30_000 });
  const drawn = whenNonBlack(page, '[data-testid="vnc-screen"] canvas');
  const started = Date.now();
  await link.click();
  return (await withTimeout(30_000, drawn)) - started;
}

/** Cockpit: the list filtered to the guest, then its name clicked (its page opens with the VNC console); ms to the first non-black frame. */
async function cockpitFirstFrame(page: Page, cockpit: Cockpit, name: string): Promise<number> {
  const frame = await cockpitList(page, cockpit, name);
  const drawn = whenNonBlack(frame, "canvas");
  const started = Date.now();
  await frame
    .getByRole("link", { name, exact: true })
    .or(frame.getByRole("button", { name, exact: true }))
    .first()
    .click();
  // Should the console wait for a click on Connect, that click is part of the way to the first frame.
  const connect = frame.getByRole("button", { name: "Connect", exact: true });
  void connect.click({ timeout: 10_000 }).catch(() => undefined);
  return (await withTimeout(30_000, drawn)) - started;
}

let loadAtStart = "";

async function main() {
  loadAtStart = loadAverage();
  ensureBuild();
  const undo = cleanupStack(log);
  const lv = await Libvirt.open("qemu:///system");
  undo.push(() => lv.close());
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  undo.push(() => browser.close());
  try {
    // Guests: N defined-but-off ones to list, and one real small guest to start, pause and watch.
    const names: string[] = [];
    const define = async (name: string, xml: string) => {
      await lv.domains.define(xml);
      names.push(name);
    };
    undo.push(async () => {
      for (const name of names) {
        const dom = await lv.domains.lookupByName(name).catch(() => null);
        if (!dom) continue;
        await lv.domains.destroy(dom).catch(() => undefined);
        await lv.domains.undefine(dom).catch(() => undefined);
      }
    });
    const real = `${PREFIX}real`;
    await define(real, testGuestXml(real, ensureTestGuestImage(), 128, await resolveVirtType(lv)));
    const uuid = (await lv.domains.list()).find((d) => d.name === real)!.uuid;

    const cockpit = await startCockpit(COCKPIT_PORT, undo.push, {
      dbusLimits: process.argv.includes("--debian-dbus-limits") ? "debian" : "raised",
    });
    const bench = await startBenchServer(() => ({ local: "qemu:///system" }));
    undo.push(() => bench.stop());
    const hostId = bench.hostIds.local;
    log(`both consoles up (ours ${bench.base}, Cockpit ${cockpit.base})`);

    const ours = await browser.newContext({ bypassCSP: true }); // the timing probes compile their check in the page
    const [cookieName, cookieValue] = bench.cookie.split("=");
    await ours.addCookies([{ name: cookieName, value: cookieValue, url: bench.base }]);
    const theirs = await browser.newContext({ bypassCSP: true });
    await theirs.addInitScript(() => localStorage.setItem("virtualization-disabled-ignored", "true"));
    const ourPage = await ours.newPage();
    const theirPage = await theirs.newPage();
    await cockpitSignIn(theirPage, cockpit);

    // (a) and (d): the list at each size, rounds alternating which console goes first. The larger size is measured
    // last, after (b), (c) and (e), which need Cockpit's list to load (at 1,000 guests on a busy machine it may not).
    let defined = 0;
    const measureList = async (size: number) => {
      for (; defined < size; defined++)
        await define(`${PREFIX}${String(defined).padStart(5, "0")}`, offGuestXml(`${PREFIX}${String(defined).padStart(5, "0")}`));
      const wanted = `${PREFIX}${String(Math.floor(size * 0.73)).padStart(5, "0")}`;
      const what = `guest list, ${size} guests, named guest shown (ms)`;
      await ourList(ourPage, bench, hostId, wanted); // warm-up: connections, caches, compiled pages
      // A console whose warm-up fails (within 120 s) is not asked again at this size: its rounds count as failed.
      const theirsUp = await attempt(() => cockpitList(theirPage, cockpit, wanted));
      for (let r = 0; r < ROUNDS; r++) {
        const runs: [Side, () => Promise<unknown>][] = [
          ["ours", () => ourList(ourPage, bench, hostId, wanted)],
          ["cockpit", () => cockpitList(theirPage, cockpit, wanted)],
        ];
        for (const [side, run] of r % 2 ? runs.reverse() : runs) {
          if (side === "cockpit" && !theirsUp) {
            note(what, side, NaN);
            continue;
          }
          const t = performance.now();
          note(what, side, (await attempt(run)) ? performance.now() - t : NaN);
        }
      }
      const ourWeight = await weigh(ours, ourPage, () => ourList(ourPage, bench, hostId, wanted));
      note(`page weight, list of ${size} (KiB over HTTP)`, "ours", ourWeight.bytes / 1024);
      note(`page weight, list of ${size} (HTTP requests)`, "ours", ourWeight.requests);
      if (theirsUp) {
        const theirWeight = await weigh(theirs, theirPage, () => attempt(() => cockpitList(theirPage, cockpit, wanted)));
        note(`page weight, list of ${size} (KiB over HTTP)`, "cockpit", theirWeight.bytes / 1024);
        note(`page weight, list of ${size} (HTTP requests)`, "cockpit", theirWeight.requests);
      }
      log(`list of ${size} measured`);
    };
    await measureList(SIZES[0]);

    // (b): both pages on the list, filtered to the real guest; one virsh change, both pages timed from its return.
    await ourList(ourPage, bench, hostId, real);
    const frame = await cockpitList(theirPage, cockpit, real);
    const steps: [string, string[], string][] = [
      ["start", ["start", real], "running"],
      ["pause", ["suspend", real], "paused"],
      ["resume", ["resume", real], "running"],
      ["shut off", ["destroy", real], "shutoff"],
    ];
    for (let r = 0; r < ROUNDS; r++) {
      for (const [label, args, state] of steps) {
        const seen = [whenInPage(ourPage, ourState(real), state), whenInPage(frame, cockpitState(real), cockpitWords[state])];
        await new Promise((r) => setTimeout(r, 50)); // the observers are in place
        virsh(...args);
        const done = Date.now();
        const [a, b] = await Promise.all(seen.map((p) => Promise.race([p, new Promise<number>((r) => setTimeout(() => r(NaN), 15_000))])));
        note(`virsh ${label} → shown on the list (ms)`, "ours", a - done);
        note(`virsh ${label} → shown on the list (ms)`, "cockpit", b - done);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    log("state changes measured");

    // (c): the real guest running; its console page in each, alternating.
    // Booted to its prompt, so both consoles find the same settled text screen (mid-boot, a mode switch can leave
    // the screen black for a while, which timed the guest rather than the console).
    virsh("start", real);
    if (!(await waitForBoot(lv, await lv.domains.lookupByName(real), 240_000)))
      log(`${real} did not reach its prompt within 240 s; measuring its consoles anyway`);
    for (let r = 0; r < ROUNDS; r++) {
      const runs: [Side, () => Promise<number>][] = [
        ["ours", () => ourFirstFrame(ourPage, bench, hostId, uuid)],
        ["cockpit", () => cockpitFirstFrame(theirPage, cockpit, real)],
      ];
      for (const [side, run] of r % 2 ? runs.reverse() : runs) {
        note(
          "console, click → first non-black frame (ms)",
          side,
          await run().catch((err) => {
            log(`${side} console: ${String(err).split("\n")[0]}`);
            return NaN;
          }),
        );
        await (side === "ours" ? ourPage : theirPage).goto("about:blank");
      }
    }
    log("consoles measured");

    // (e): one tab on the list per console, the other console idle.
    const ourPgid = Number(
      execFileSync("ps", ["-o", "pgid=", "-p", String(listenerPid(Number(new URL(bench.base).port)))], { encoding: "utf8" }).trim(),
    );
    const groups: Record<Side, number[]> = { ours: [ourPgid], cockpit: cockpit.pgids };
    const cpuOf = (side: Side) => {
      const all = new Map<number, number>();
      for (const g of groups[side]) for (const [pid, s] of groupCpu(g)) all.set(pid, s);
      // The user's bridges (cockpit-session, cockpit-bridge, sudo) are not in cockpit-ws's group.
      if (side === "cockpit") for (const pid of userPids(COCKPIT_USER)) for (const [p, s] of groupCpu(pid)) all.set(p, s);
      return all;
    };
    // The same with no tab open on either: what each server does by itself (both measured over one window).
    await Promise.all([ourPage.goto("about:blank"), theirPage.goto("about:blank")]);
    const idleBefore = { ours: cpuOf("ours"), cockpit: cpuOf("cockpit") };
    await new Promise((r) => setTimeout(r, WATCH_S * 1000));
    for (const side of ["ours", "cockpit"] as Side[])
      note(
        `server CPU with no tab open (% of one core over ${WATCH_S} s)`,
        side,
        (cpuBetween(idleBefore[side], cpuOf(side)) / WATCH_S) * 100,
      );
    for (const side of ["ours", "cockpit"] as Side[]) {
      const watch = () => (side === "ours" ? ourList(ourPage, bench, hostId, "") : cockpitList(theirPage, cockpit, ""));
      if (!(await attempt(watch))) continue;
      await (side === "ours" ? theirPage : ourPage).goto("about:blank");
      const before = cpuOf(side);
      await new Promise((r) => setTimeout(r, WATCH_S * 1000));
      note(
        `server CPU while a tab watches the list of ${SIZES[0] + 1} guests (% of one core over ${WATCH_S} s)`,
        side,
        (cpuBetween(before, cpuOf(side)) / WATCH_S) * 100,
      );
    }

    for (const size of SIZES.slice(1)) await measureList(size);
  } finally {
    await undo.run();
    report();
  }
}

/** The processes of a user (none: pgrep exits with 1). */
function userPids(user: string): number[] {
  try {
    return execFileSync("pgrep", ["-u", user], { encoding: "utf8" }).trim().split("\n").filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** A step that may fail on the other console (Cockpit's "Failed to fetch some resources" under load): logged, counted as missing. */
async function attempt(step: () => Promise<unknown>): Promise<boolean> {
  try {
    await step();
    return true;
  } catch (err) {
    log(`a step failed, left out: ${String(err).split("\n")[0]}`);
    return false;
  }
}

function report(): void {
  const fmt = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? "—" : Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(1));
  const spread = (all: number[]) => {
    const xs = all.filter((x) => !Number.isNaN(x));
    const missing = all.length - xs.length ? `, ${all.length - xs.length} failed` : "";
    return xs.length > 1 ? `${fmt(Math.min(...xs))} to ${fmt(Math.max(...xs))}${missing}` : missing.slice(2);
  };
  console.log(
    `\nbench:peers ${new Date().toISOString()} · ${ROUNDS} rounds · load average (1 min) ${loadAtStart} at the start, ${loadAverage()} at the end`,
  );
  console.log("| measure | ours (median, spread) | Cockpit (median, spread) | ours/theirs |");
  console.log("|---|---|---|---|");
  for (const [what, { ours, cockpit }] of results) {
    const [a, b] = [median(ours.filter((x) => !Number.isNaN(x))), median(cockpit.filter((x) => !Number.isNaN(x)))];
    console.log(
      `| ${what} | ${fmt(a)} (${spread(ours)}) | ${fmt(b)} (${spread(cockpit)}) | ${a !== undefined && b ? (a / b).toFixed(2) : "—"} |`,
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
