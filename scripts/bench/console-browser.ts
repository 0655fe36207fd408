// Helpdesk console benchmark in Debian's chromium (issue 26): from clicking *Console* on the guest page to the first
// frame drawn on the display's canvas, and from a key press to the changed pixels on that canvas, against the real
// server (production build) and a real test guest, for a local guest and the same guest reached over SSH
// (qemu+ssh://root@127.0.0.1 through a throwaway sshd, as the e2e suite adds SSH hosts).
// Two paths in one run, rounds interleaved: our relay, and direct VNC = the same console page and the same noVNC
// talking to Debian's websockify in front of the guest's VNC port. The direct page is the page as it is, with two
// things swapped in the page itself (no proxy in between): its ticket request is answered at once, in the page (a
// direct VNC client asks nobody for a ticket), and its WebSocket goes to websockify; it is told it has control, as
// the relay tells a page.
// The screen that changes on a key: the guest's VGA text console (tty1), where a `cat` echoes what is typed; the
// text cursor is hidden, so nothing else draws. Keys alternate "a" and Backspace, so every key changes the screen.
// A round counts from the keydown event in the page to the first drawImage onto the display's canvas after which the
// canvas's pixels differ from before the key. QEMU sends screen changes on its own refresh timer (30 ms and longer
// when the screen was idle), which both paths share; both pages stay connected at once, so one timer serves both.
// Goals (issue): first frame under 700 ms; key to pixels within 20 ms of direct VNC at the median.
// Results are printed, never asserted.
// --profile also prints where a first frame's time goes, as the page sees it (median ms after the click, per guest
// and path): the ticket asked and answered, the display's socket created and open, the RFB messages as they arrive
// (the server's version, the SecurityResult, ServerInit, the first FramebufferUpdate) and the first frame drawn.
// Between "socket open" and "RFB version" the relay redeems the ticket's session, finds the guest and reaches its
// display; between that and "SecurityResult" it logs in to the guest's VNC server.
// --eager clicks *Console* as soon as it shows on the guest page instead of once the page has gone quiet.
// Usage: tsx --tsconfig tsconfig.server.json scripts/bench/console-browser.ts [--frames N] [--keys N] [--profile] [--eager]
//   (needs libvirtd: scripts/setup-host.sh --tests; /usr/bin/websockify, /usr/sbin/sshd, /usr/bin/chromium)
import { execFileSync, spawn } from "node:child_process";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";
import { Libvirt, uuidToString } from "../../lib/libvirt";
import { Domain } from "../../lib/xml";
import { freePort } from "../../tests/helpers/free-port";
import { runInGuest } from "../../tests/helpers/guest-shell";
import { startSshd } from "../../tests/helpers/sshd";
import { startTestGuest, waitForBoot } from "../../tests/helpers/test-guest";
import { startBenchServer, type BenchServer } from "./support/bench-server";
import { cleanupStack, ensureBuild } from "./support/run";

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const [FRAMES, KEYS, KEY_WARMUP] = [arg("frames", 12), arg("keys", 60), 6];
const PROFILE = process.argv.includes("--profile");
const EAGER = process.argv.includes("--eager");
/** The steps --profile reports, in the order they happen (marks the page takes on the way to a first frame). */
const STEPS = [
  "ticket asked",
  "ticket answered",
  "socket created",
  "socket open",
  "RFB version",
  "SecurityResult",
  "ServerInit",
  "first update",
  "first frame drawn",
] as const;
const PATHS = ["our relay", "direct VNC (websockify)"] as const;
type PathName = (typeof PATHS)[number];

const log = (message: string) => console.error(`console-browser bench: ${message}`);
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];
const median = (xs: number[]) => quantile(xs, 0.5);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What every page of the run gets before its own scripts: the timing hooks and, for the direct path, the swaps. */
function pageHooks(direct: { wsUrl: string } | null): void {
  type Bench = {
    click: number | null;
    firstDraw: number | null;
    before: number | null;
    pressed: number | null;
    keyDraw: number | null;
    marks: Record<string, number>;
  };
  const bench: Bench = { click: null, firstDraw: null, before: null, pressed: null, keyDraw: null, marks: {} };
  Object.assign(window, { __bench: bench });
  const now = () => performance.timeOrigin + performance.now();
  const displayCanvas = (c: HTMLCanvasElement | OffscreenCanvas): c is HTMLCanvasElement =>
    c instanceof HTMLCanvasElement && c.isConnected && c.closest('[data-testid="vnc-screen"]') !== null;
  const hash = (c: HTMLCanvasElement) => {
    const px = new Uint32Array(c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data.buffer);
    let h = 0;
    for (let i = 0; i < px.length; i++) h = (Math.imul(h, 31) + px[i]) | 0;
    return h;
  };
  Object.assign(window, {
    __benchArm: () => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="vnc-screen"] canvas')!;
      Object.assign(bench, { before: hash(canvas), pressed: null, keyDraw: null });
    },
  });
  document.addEventListener(
    "click",
    (e) => {
      if ((e.target as Element | null)?.closest?.("a")?.textContent?.trim() === "Console")
        Object.assign(bench, { click: now(), firstDraw: null, marks: {} });
    },
    true,
  );
  window.addEventListener("keydown", () => bench.before !== null && bench.pressed === null && (bench.pressed = now()), true);
  const drawImage = CanvasRenderingContext2D.prototype.drawImage;
  CanvasRenderingContext2D.prototype.drawImage = function (this: CanvasRenderingContext2D, ...args: unknown[]) {
    const t = now();
    (drawImage as (...a: unknown[]) => void).apply(this, args);
    if (!displayCanvas(this.canvas)) return;
    if (bench.click !== null && bench.firstDraw === null) bench.firstDraw = t;
    if (bench.pressed !== null && bench.keyDraw === null && hash(this.canvas) !== bench.before) bench.keyDraw = t;
  } as typeof drawImage;
  const isTicketRequest = (input: RequestInfo | URL, init?: RequestInit) =>
    init?.method === "POST" && /\/guests\/[^/]+\/console$/.test(String(input));
  // The first time of each mark after the click (--profile).
  const mark = (name: string) => bench.click !== null && bench.firstDraw === null && (bench.marks[name] ??= now());
  const Socket = window.WebSocket;
  if (direct) {
    // Direct VNC: no ticket (answered here, in the page), the display's socket to websockify, control as the relay grants it.
    const fetchReal = window.fetch;
    window.fetch = (input, init) =>
      isTicketRequest(input, init) ? Promise.resolve(Response.json({ path: "/ws/vnc?ticket=direct" })) : fetchReal(input, init);
    const wsUrl = direct.wsUrl;
    window.WebSocket = class extends Socket {
      constructor(url: string | URL, protocols?: string | string[]) {
        const toDisplay = String(url).includes("/ws/vnc");
        super(toDisplay ? wsUrl : url, toDisplay ? ["binary"] : protocols);
        if (toDisplay)
          this.addEventListener("open", () =>
            this.dispatchEvent(
              new MessageEvent("message", { data: JSON.stringify({ type: "seat", seat: "direct", mode: "control", mayTake: false }) }),
            ),
          );
      }
    };
  }
  const fetchBefore = window.fetch;
  window.fetch = (input, init) => {
    if (!isTicketRequest(input, init)) return fetchBefore(input, init);
    mark("ticket asked");
    return fetchBefore(input, init).finally(() => mark("ticket answered"));
  };
  const SocketBefore = window.WebSocket;
  window.WebSocket = class extends SocketBefore {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      if (!String(url).includes("/ws/vnc") && !String(url).startsWith(direct?.wsUrl ?? "-")) return;
      mark("socket created");
      this.addEventListener("open", () => mark("socket open"));
      // The server's binary messages in RFB order: ProtocolVersion, security types, SecurityResult, ServerInit, updates.
      let secured = false;
      let initialised = false;
      this.addEventListener("message", (e: MessageEvent) => {
        if (!(e.data instanceof ArrayBuffer)) return;
        const bytes = new Uint8Array(e.data);
        if (bytes.length >= 3 && String.fromCharCode(bytes[0], bytes[1], bytes[2]) === "RFB") return void mark("RFB version");
        if (!secured)
          return void (bytes.length >= 4 && bytes.slice(-4).every((b) => b === 0) && ((secured = true), mark("SecurityResult")));
        if (!initialised) return void ((initialised = true), mark("ServerInit"), bytes.length > 24 && mark("first update"));
        if (bytes[0] === 0) mark("first update");
      });
    }
  };
}

type Bench = { click: number; firstDraw: number | null; keyDraw: number | null; pressed: number | null; marks: Record<string, number> };
const benchState = (page: Page) => page.evaluate(() => (window as unknown as { __bench: Bench }).__bench);

async function newPage(browser: Browser, bench: BenchServer, direct: { wsUrl: string } | null): Promise<Page> {
  // The direct page's socket goes to another port than the page's own, which the console's CSP rightly refuses.
  const context = await browser.newContext({ baseURL: bench.base, viewport: { width: 1280, height: 900 }, bypassCSP: direct !== null });
  const [name, value] = bench.cookie.split("=");
  await context.addCookies([{ name, value, url: bench.base }]);
  // As source text: tsx names functions with a __name helper that the page does not have.
  await context.addInitScript({ content: `var __name = (f) => f; (${pageHooks.toString()})(${JSON.stringify(direct)});` });
  const page = await context.newPage();
  page.on("console", (m) => void (m.type() === "error" && log(`page: ${m.text()}`)));
  return page;
}

/** Guest page loaded and settled, then *Console* clicked: ms from the click to the display's first frame, and the marks on the way. */
async function firstFrame(page: Page, guestPage: string): Promise<{ ms: number; marks: Record<string, number> }> {
  await page.goto(guestPage);
  await page.getByRole("link", { name: "Console", exact: true }).waitFor();
  // --eager: clicked as soon as the link shows, as a person who knows where they are going (and as bench:peers does).
  if (!EAGER) await page.waitForLoadState("networkidle");
  await page.getByRole("link", { name: "Console", exact: true }).click();
  await page
    .waitForFunction(() => (window as unknown as { __bench: Bench }).__bench.firstDraw !== null, null, { timeout: 20_000 })
    .catch(async (err: Error) => {
      const status = await page.getByTestId("console-status").getAttribute("data-state");
      throw new Error(`no frame on ${page.url()} (console ${status}): ${err.message}`);
    });
  const { click, firstDraw, marks } = await benchState(page);
  const sinceClick = Object.fromEntries(Object.entries({ ...marks, "first frame drawn": firstDraw! }).map(([k, t]) => [k, t - click]));
  return { ms: firstDraw! - click, marks: sinceClick };
}

/** One key on a connected console page: ms from keydown to the changed pixels, or null when no change came. */
async function keyToPixels(page: Page, key: string): Promise<number | null> {
  await page.bringToFront();
  await page.evaluate(() => (window as unknown as { __benchArm: () => void }).__benchArm());
  await page.keyboard.press(key);
  const changed = await page
    .waitForFunction(() => (window as unknown as { __bench: Bench }).__bench.keyDraw !== null, null, { timeout: 5_000, polling: 5 })
    .then(
      () => true,
      () => false,
    );
  const { pressed, keyDraw } = await benchState(page);
  return changed && pressed !== null ? keyDraw! - pressed : null;
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(port, "127.0.0.1");
    s.once("connect", () => (s.destroy(), resolve(true))).once("error", () => resolve(false));
  });

const cleanups = cleanupStack(log);
const cleanUp = cleanups.run;

async function main() {
  ensureBuild();
  const loadBefore = os.loadavg();
  const bench = await startBenchServer(() => ({ localhost: "qemu:///system" }));
  cleanups.push(bench.stop);
  const sshd = await startSshd();
  cleanups.push(sshd.stop);
  const fingerprint = execFileSync("ssh-keygen", ["-lf", path.join(sshd.dir, "host_ed25519.pub")], { encoding: "utf8" }).split(" ")[1];
  const added = await fetch(`${bench.base}/api/hosts`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Cookie: bench.cookie, Origin: bench.base },
    body: JSON.stringify({
      kind: "ssh",
      name: "over-ssh",
      user: sshd.user,
      address: "127.0.0.1",
      port: sshd.port,
      auth: "key",
      privateKey: sshd.clientKey.toString("utf8"),
      hostKeyFingerprint: fingerprint,
    }),
  });
  if (!added.ok) throw new Error(`adding the SSH host failed: ${added.status} ${await added.text()}`);
  const hosts = { local: bench.hostIds.localhost, "over SSH": ((await added.json()) as { id: string }).id };

  log("booting the test guest");
  const lv = await Libvirt.open("qemu:///system");
  cleanups.push(() => lv.close());
  const guest = await startTestGuest(lv, { namePrefix: "bench-console-browser" });
  cleanups.push(guest.cleanup);
  // A busy machine (other runs, the e2e suite) can take minutes to boot the small guest.
  if (!(await waitForBoot(lv, guest.dom, 240_000))) throw new Error(`${guest.name} did not boot`);
  // The screen that answers keys: tty1 echoes through a cat, cursor hidden (\e[?25l), never blanked (\e[9;0]).
  await runInGuest(lv, guest.dom, `printf '\\033[?25l\\033[9;0]' >/dev/tty1; (setsid sh -c 'exec cat </dev/tty1 >/dev/tty1 2>&1' &)`);
  const uuid = uuidToString(guest.dom.uuid);
  const vnc = Domain.parse(await lv.domains.xml(guest.dom)).devices.graphics.find((g) => g.type === "vnc");
  if (!vnc?.port || vnc.port < 0) throw new Error(`${guest.name} has no VNC port`);
  const wsPort = await freePort();
  const websockify = spawn("/usr/bin/websockify", [`127.0.0.1:${wsPort}`, `127.0.0.1:${vnc.port}`], { stdio: "ignore", detached: true });
  cleanups.push(() => process.kill(-websockify.pid!, "SIGTERM"));
  for (let i = 0; !(await accepts(wsPort)); i++) {
    if (i > 100) throw new Error("websockify did not start");
    await sleep(100);
  }
  const direct = { wsUrl: `ws://127.0.0.1:${wsPort}/` };

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
    ],
  });
  cleanups.push(() => browser.close());
  const hostNames = Object.keys(hosts) as (keyof typeof hosts)[];
  type Times = Record<keyof typeof hosts, Record<PathName, number[]>>;
  const empty = (): Times => ({ local: { [PATHS[0]]: [], [PATHS[1]]: [] }, "over SSH": { [PATHS[0]]: [], [PATHS[1]]: [] } }) as Times;
  const [frames, keys, missed] = [empty(), empty(), empty()];
  const steps = Object.fromEntries(
    hostNames.map((h) => [h, Object.fromEntries(PATHS.map((p) => [p, [] as Record<string, number>[]]))]),
  ) as Record<keyof typeof hosts, Record<PathName, Record<string, number>[]>>;
  const pages = {} as Record<PathName, Page>;
  for (const name of PATHS) pages[name] = await newPage(browser, bench, name === "our relay" ? null : direct);

  for (const host of hostNames) {
    const guestPage = `/guests/${encodeURIComponent(hosts[host])}/${uuid}`;
    log(`${host}: ${FRAMES} first frames per path, the paths taking turns`);
    for (const name of PATHS) await firstFrame(pages[name], guestPage); // warm-up: the host's connection, the page's chunks
    for (let i = 0; i < FRAMES; i++)
      for (const name of PATHS) {
        const { ms, marks } = await firstFrame(pages[name], guestPage);
        frames[host][name].push(ms);
        steps[host][name].push(marks);
      }
    log(`${host}: ${KEYS} keys per path, the paths taking turns, both consoles open`);
    for (const name of PATHS)
      await pages[name].getByTestId("console-status").and(pages[name].locator('[data-state="connected"]')).waitFor({ timeout: 20_000 });
    // noVNC takes keys on its canvas, as after a click into the display.
    for (const name of PATHS) await pages[name].locator('[data-testid="vnc-screen"] canvas').focus();
    let n = 0;
    for (let i = 0; i < KEY_WARMUP + KEYS; i++)
      for (const name of PATHS) {
        const ms = await keyToPixels(pages[name], n++ % 2 === 0 ? "a" : "Backspace");
        if (i < KEY_WARMUP) continue;
        if (ms === null) missed[host][name].push(i);
        else keys[host][name].push(ms);
        await sleep(100 + Math.random() * 100);
      }
    for (const name of PATHS) await pages[name].goto("about:blank");
  }
  const loadAfter = os.loadavg();

  const cell = (xs: number[]) => (xs.length ? `${median(xs).toFixed(0)} / ${quantile(xs, 0.9).toFixed(0)}` : "none");
  const diff = (r: number[], d: number[]) =>
    r.length && d.length ? `${(median(r) - median(d)).toFixed(0)} (${(median(r) / median(d)).toFixed(2)}×)` : "-";
  console.log(
    `\nIn Debian's chromium (headless), production build; ${FRAMES} first frames and ${KEYS} keys per path and host (after ${KEY_WARMUP} warm-up keys), the paths taking turns.` +
      `\nmedian / p90 in ms; "relay − direct" = difference of the medians (their ratio).\n`,
  );
  console.log("| guest | measure | our relay | direct VNC (websockify) | relay − direct |");
  console.log("|---|---|---|---|---|");
  for (const host of hostNames) {
    const [r, d] = PATHS.map((p) => frames[host][p]);
    console.log(`| ${host} | click *Console* → first frame | ${cell(r)} | ${cell(d)} | ${diff(r, d)} |`);
    const [kr, kd] = PATHS.map((p) => keys[host][p]);
    console.log(`| ${host} | key → changed pixels | ${cell(kr)} | ${cell(kd)} | ${diff(kr, kd)} |`);
  }
  if (PROFILE) {
    console.log("\nWhere a first frame's time goes (--profile): median ms after the click, as the page sees it.\n");
    console.log(`| step | ${hostNames.flatMap((h) => PATHS.map((p) => `${h}, ${p}`)).join(" | ")} |`);
    console.log(`|---|${hostNames.flatMap(() => PATHS.map(() => "---|")).join("")}`);
    for (const step of STEPS) {
      const cells = hostNames.flatMap((h) =>
        PATHS.map((p) => {
          const xs = steps[h][p].map((m) => m[step]).filter((t) => t !== undefined);
          return xs.length ? median(xs).toFixed(0) : "-";
        }),
      );
      console.log(`| ${step} | ${cells.join(" | ")} |`);
    }
  }
  const misses = hostNames.flatMap((h) => PATHS.map((p) => `${h} ${p} ${missed[h][p].length}`)).join(", ");
  console.log(`\nkeys with no change on the canvas within 5 s (left out): ${misses}`);
  console.log(
    `load average (1/5/15 min) before ${loadBefore.map((l) => l.toFixed(2)).join(" ")}, after ${loadAfter.map((l) => l.toFixed(2)).join(" ")}; ${os.cpus().length} cores`,
  );
  console.log("goal: first frame < 700 ms; key → pixels within 20 ms of direct VNC at the median");
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
