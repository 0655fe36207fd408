// The security headers against the real server and Debian's chromium: every response carries them, pages get a
// Content-Security-Policy with a fresh nonce, every page of the console (the consoles' noVNC, spice-html5 and xterm.js
// and the uPlot charts included) works under it without one violation, and script injected into a page does not run.
import { randomBytes } from "node:crypto";
import { expect, test as base, type APIRequestContext } from "@playwright/test";
import { Libvirt } from "../../lib/libvirt";
import { startPersistentTestGuest, VNC_GRAPHICS, type RunningTestGuest } from "../helpers/test-guest";
import { e2eTrustedProxy } from "../../playwright.config";
import { adminPassword, apiAs, baseURL, localHostId, signIn } from "./fixtures";
import { rawRequest } from "./support/raw-http";

/**
 * Every page reports what the policies block: chromium logs a CSP violation (or a Permissions-Policy it does not
 * understand) on the console, and a securitypolicyviolation listener, added before any of the page's scripts run,
 * logs each violation event too. Each test ends by checking that nothing was reported.
 */
const test = base.extend<{ reported: string[] }>({
  reported: async ({ page }, provide) => {
    const reported: string[] = [];
    await page.addInitScript(() =>
      window.addEventListener(
        "securitypolicyviolation",
        (e) => console.error(`securitypolicyviolation: ${e.effectiveDirective} blocked ${e.blockedURI} at ${e.sourceFile}`),
        true,
      ),
    );
    page.on("console", (m) => {
      if (/securitypolicyviolation|Content Security Policy|Permissions-Policy|Permissions Policy/i.test(m.text())) reported.push(m.text());
    });
    await provide(reported);
  },
});

const pageHeaders = ["referrer-policy", "permissions-policy", "x-content-type-options", "x-frame-options", "cross-origin-opener-policy"];
const nonceOf = (csp: string | undefined) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];

let lv: Libvirt;
let admin: APIRequestContext;
let hostId: string;
let guest: RunningTestGuest;
let uuid: string;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  lv = await Libvirt.open("qemu:///system");
  // One guest with every kind of console: a VNC and a SPICE display, and a serial port.
  guest = await startPersistentTestGuest(lv, {
    namePrefix: "e2e-csp",
    graphics: `${VNC_GRAPHICS}\n    <graphics type='spice' autoport='yes' listen='127.0.0.1'/>`,
  });
  uuid = (await lv.domains.list()).find((d) => d.name === guest.name)!.uuid;
  admin = await apiAs("admin", adminPassword);
  hostId = await localHostId(admin);
});

test.afterAll(async () => {
  await admin?.dispose();
  await guest?.cleanup();
  await lv?.close();
});

test.afterEach(({ reported }) => {
  expect(reported, "violations reported by the browser").toEqual([]);
});

test("every response carries the headers; pages get a policy whose nonce is fresh and on Next's scripts", async ({ page, request }) => {
  const first = await request.get("/login");
  const second = await request.get("/login");
  for (const res of [first, second]) {
    expect(res.status()).toBe(200);
    for (const name of pageHeaders) expect(res.headers(), name).toHaveProperty(name);
    expect(res.headers()["x-frame-options"]).toBe("SAMEORIGIN");
    // The console serves HTTPS, so browsers are told to stay on it.
    expect(res.headers()["strict-transport-security"]).toBe("max-age=31536000");
    const csp = res.headers()["content-security-policy"]!;
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain(`ws://${new URL(baseURL).host}`);
    expect(csp).not.toContain("unsafe-eval");
  }
  const nonce = nonceOf(first.headers()["content-security-policy"]);
  expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  expect(nonceOf(second.headers()["content-security-policy"])).not.toBe(nonce);

  // The gate's own answers, API JSON and static files: the same headers without a policy (they run no script).
  const unsigned = await request.get("/guests", { maxRedirects: 0 });
  const api = await request.get("/api/hosts");
  const signedIn = await admin.get("/api/hosts");
  const script = /<script src="(\/_next\/static\/[^"]+\.js)"/.exec(await first.text())?.[1];
  const file = await request.get(script!);
  expect([unsigned.status(), api.status(), signedIn.status(), file.status()]).toEqual([302, 401, 200, 200]);
  for (const res of [unsigned, api, signedIn, file]) {
    for (const name of pageHeaders) expect(res.headers(), `${res.url()} ${name}`).toHaveProperty(name);
    expect(res.headers()).not.toHaveProperty("content-security-policy");
  }
  // A client's own X-Forwarded-Proto is not believed (only the trusted proxy's is): HTTPS stays HTTPS.
  const forged = await rawRequest({ path: "/login", headers: { "X-Forwarded-Proto": "http" } });
  expect(forged.headers["strict-transport-security"]).toBe("max-age=31536000");
  // Behind the trusted TLS-terminating proxy, what it says counts.
  const proxied = await rawRequest({ path: "/login", from: e2eTrustedProxy, headers: { "X-Forwarded-Proto": "https" } });
  expect(proxied.headers["strict-transport-security"]).toBe("max-age=31536000");

  // In the browser every script the server wrote carries this response's nonce.
  const res = await page.goto("/login");
  const pageNonce = nonceOf(res!.headers()["content-security-policy"]);
  const nonces = await page.evaluate(() => [...document.scripts].map((s) => s.nonce));
  expect(nonces.length).toBeGreaterThan(3);
  expect(new Set(nonces)).toEqual(new Set([pageNonce]));
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
});

test("script injected into a page does not run", async ({ page, reported }) => {
  await signIn(page, "admin", adminPassword);
  const ran = await page.evaluate(async () => {
    const w = window as unknown as Record<string, boolean>;
    const inline = document.createElement("script");
    inline.textContent = "window.injectedInline = true";
    document.body.append(inline);
    // Inline scripts run as they are added; an attribute handler runs (or not) before listeners added later.
    const holder = document.createElement("div");
    holder.innerHTML = `<img src="/no-such-image.png" onerror="window.injectedHandler = true">`;
    const failed = new Promise((resolve) => holder.querySelector("img")!.addEventListener("error", resolve));
    document.body.append(holder);
    await failed;
    return { inline: w.injectedInline ?? false, handler: w.injectedHandler ?? false };
  });
  expect(ran).toEqual({ inline: false, handler: false });
  // Both were refused by the policy, which said so: chromium on the console and in a violation event, once each.
  await expect.poll(() => reported.length).toBe(4);
  expect(reported.join("\n")).toContain("securitypolicyviolation: script-src-elem blocked inline");
  expect(reported.join("\n")).toContain("securitypolicyviolation: script-src-attr blocked inline");
  reported.length = 0;
});

test("the inventory, wizard and admin pages load without a violation and show their content", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "admin", adminPassword);
  await expect(page.getByRole("region", { name: "Hosts" }).getByTestId("fleet-host").first()).toBeVisible();

  await page.goto("/guests");
  await expect(page.getByTestId("guest-row").filter({ hasText: guest.name })).toBeVisible();

  await page.goto("/hosts");
  await expect(page.getByTestId("host-item").filter({ hasText: "localhost" })).toBeVisible();
  await page.goto(`/hosts/${hostId}`);
  await expect(page.getByTestId("host-status")).toHaveAttribute("data-state", "connected");
  await expect(page.getByTestId("pool").filter({ hasText: "default" })).toBeVisible();
  await page.goto("/hosts/new");
  await expect(page.getByRole("heading", { name: "Add host" })).toBeVisible();

  await page.goto("/storage");
  await expect(page.getByRole("region", { name: "Storage of localhost" })).toBeVisible();
  await page.goto(`/storage/${hostId}/default`);
  await expect(page.getByRole("heading", { name: "Volumes", exact: true })).toBeVisible();

  await page.goto("/networks");
  await expect(page.getByTestId("host-networks").filter({ hasText: "localhost" })).toBeVisible();
  await page.goto(`/networks/${hostId}/default`);
  await expect(page.getByRole("heading", { name: "default" })).toBeVisible();
  await page.goto("/networks/new");
  await expect(page.getByRole("heading", { name: "Create a virtual network" })).toBeVisible();

  await page.goto("/guests/new");
  await expect(page.getByRole("heading", { name: "Create a new virtual machine" })).toBeVisible();
  await page.getByLabel("Host").selectOption({ label: "localhost" });
  await expect(page.getByRole("button", { name: "Forward" })).toBeEnabled();

  await page.goto("/admin/users");
  await expect(page.getByTestId("user-admin")).toBeVisible();
  await page.goto("/admin/audit");
  await expect(page.locator("tbody tr").filter({ hasText: "Sign in" }).first()).toBeVisible();
});

test("a guest's page works on every tab: overview, performance charts, hardware, XML and snapshots", async ({ page }) => {
  await signIn(page, "admin", adminPassword);
  await page.goto(`/guests/${hostId}/${uuid}`);
  await expect(page.getByRole("heading", { name: guest.name })).toBeVisible();
  await page.getByRole("tab", { name: "Performance" }).click();
  const cpu = page.getByTestId("time-chart").filter({ hasText: "CPU" });
  await expect.poll(async () => Number(await cpu.getAttribute("data-points")), { timeout: 30_000 }).toBeGreaterThan(1);
  await expect(cpu.locator("canvas")).toBeVisible();
  await page.getByRole("tab", { name: "Hardware" }).click();
  await expect(page.getByRole("navigation", { name: "Hardware" })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: uuid })).toBeVisible();
  await page.getByRole("tab", { name: "XML" }).click();
  await expect(page.getByTestId("guest-xml")).toHaveValue(new RegExp(`<name>${guest.name}</name>`));
  await page.getByRole("tab", { name: "Snapshots" }).click();
  await expect(page.getByRole("button", { name: "Take snapshot" })).toBeVisible();
});

test("the console page works under the policy: noVNC, spice-html5 and xterm.js", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "admin", adminPassword);
  await page.goto(`/guests/${hostId}/${uuid}/console`);

  await expect(page.getByRole("tab", { name: "Display (VNC)" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByTestId("console-status")).toHaveAttribute("data-state", "connected", { timeout: 20_000 });
  const vnc = page.getByTestId("vnc-screen").locator("canvas");
  await expect.poll(() => vnc.evaluate((c: HTMLCanvasElement) => c.width * c.height)).toBeGreaterThan(0);

  await page.getByRole("tab", { name: "Display (SPICE)" }).click();
  await expect(page.getByTestId("console-status")).toHaveAttribute("data-state", "connected", { timeout: 30_000 });
  const surface = page.getByTestId("spice-screen").locator("canvas").first();
  await expect
    .poll(() => surface.evaluate((c: HTMLCanvasElement) => c.width * c.height).catch(() => 0), { timeout: 30_000 })
    .toBeGreaterThan(0);

  await page.getByRole("tab", { name: "Serial port 1" }).click();
  await expect(page.getByTestId("console-status")).toHaveAttribute("data-state", "connected");
  const marker = `CSP-${randomBytes(4).toString("hex")}`;
  await page.getByTestId("serial-terminal").click();
  await page.keyboard.type(`\recho ${marker.slice(0, 4)}""${marker.slice(4)}\r`);
  await expect.poll(() => page.getByTestId("serial-terminal").locator(".xterm-rows").innerText(), { timeout: 15_000 }).toContain(marker);
});

test("the sign-in page works under the policy", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("User name").fill("admin");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Wrong user name or password")).toBeVisible();
  await signIn(page, "admin", adminPassword);
});
