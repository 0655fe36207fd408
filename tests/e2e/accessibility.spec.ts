// axe-core in the real browser on the main pages: no serious or critical violation of WCAG 2.1 A/AA. One sign-in per
// person for the whole file (each page opens in a context with the saved session), one real guest with a display.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Browser, type BrowserContextOptions, type Locator, type Page } from "@playwright/test";
import { Libvirt } from "../../lib/libvirt";
import { startTestGuest, type RunningTestGuest } from "../helpers/test-guest";
import { adminPassword, apiAs, createUser, localHostId, signIn } from "./fixtures";

// A page waits for its data from a real, possibly busy libvirtd before axe looks at it.
test.describe.configure({ timeout: 120_000 });

let lv: Libvirt;
let guest: RunningTestGuest;
let admin: APIRequestContext;
let hostId: string;
let uuid: string;
/** The administrator's signed-in session, shared by every page but the sign-in page and the helpdesk home. */
let session: BrowserContextOptions["storageState"];

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  lv = await Libvirt.open("qemu:///system");
  guest = await startTestGuest(lv, { namePrefix: "tables-a11y" });
  uuid = (await lv.domains.list()).find((d) => d.name === guest.name)!.uuid;
  admin = await apiAs("admin", adminPassword);
  hostId = await localHostId(admin);
  const context = await browser.newContext();
  await signIn(await context.newPage(), "admin", adminPassword);
  session = await context.storageState();
  await context.close();
});

test.afterAll(async () => {
  await admin?.dispose();
  await guest?.cleanup();
  await lv?.close();
});

/** Serious and critical violations on the page as it is now, one line each with the elements concerned. */
async function seriousViolations(p: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page: p }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Opens `path` in a context with `storageState`, waits until `ready` shows (the page's data has arrived), and checks it. */
async function check(
  browser: Browser,
  path: string,
  ready: (p: Page) => Locator,
  storageState: BrowserContextOptions["storageState"] = session,
): Promise<void> {
  const context = await browser.newContext({ storageState });
  const p = await context.newPage();
  await p.goto(path);
  await expect(ready(p)).toBeVisible({ timeout: 60_000 });
  await expect(p.getByText(/^Loading/)).toHaveCount(0, { timeout: 30_000 });
  expect(await seriousViolations(p)).toEqual([]);
  await context.close();
}

const guestPage = () => `/guests/${encodeURIComponent(hostId)}/${uuid}`;

test("sign-in page", async ({ browser }) => {
  await check(browser, "/login", (p) => p.getByRole("button", { name: "Sign in" }), {
    cookies: [],
    origins: [],
  });
});

test("dashboard", async ({ browser }) => {
  await check(browser, "/", (p) => p.getByTestId("fleet-host").first());
});

test("guest list", async ({ browser }) => {
  await check(browser, "/guests", (p) => p.getByTestId("guest-row").filter({ hasText: guest.name }));
});

test("guest overview, with the guest's screen", async ({ browser }) => {
  await check(browser, guestPage(), (p) => p.getByTestId("console-preview").getByRole("img", { name: `Screen of ${guest.name}` }));
});

test("new guest wizard, first step", async ({ browser }) => {
  await check(browser, "/guests/new", (p) => p.getByRole("heading", { name: "Create a new virtual machine" }));
});

test("hosts", async ({ browser }) => {
  await check(browser, "/hosts", (p) => p.getByRole("link", { name: "localhost" }).first());
});

test("host detail", async ({ browser }) => {
  await check(browser, `/hosts/${encodeURIComponent(hostId)}`, (p) => p.getByRole("heading", { name: "Storage pools" }));
});

test("storage", async ({ browser }) => {
  await check(browser, "/storage", (p) => p.getByTestId("pool-row").first());
});

test("networks", async ({ browser }) => {
  await check(browser, "/networks", (p) => p.getByTestId("network-row").first());
});

test("users", async ({ browser }) => {
  await check(browser, "/admin/users", (p) => p.getByRole("heading", { name: "Users" }));
});

test("account", async ({ browser }) => {
  await check(browser, "/account", (p) => p.getByRole("heading", { name: "API tokens" }));
});

test("console page", async ({ browser }) => {
  await check(browser, `${guestPage()}/console`, (p) => p.getByTestId("vnc-screen").locator("canvas"));
});

test("helpdesk home", async ({ browser }) => {
  const desk = await createUser(admin, "tables-a11y-desk", { role: "helpdesk", scope: "guest", hostId, guestUuid: uuid });
  const context = await browser.newContext();
  await signIn(await context.newPage(), desk.username, desk.password);
  const deskSession = await context.storageState();
  await context.close();
  await check(browser, "/", (p) => p.getByTestId("guest-card").getByRole("img", { name: `Screen of ${guest.name}` }), deskSession);
});
