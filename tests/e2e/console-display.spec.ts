// The VNC console page against a VNC server the test runs (page.routeWebSocket): what the page sends at
// the RFB level for Paste as keys in other keyboard layouts, pointer positions on a high-DPI screen, the
// key bar; and how it says why its link dropped. A real guest only lends its console page and ticket.
import { expectNoOverflow } from "./support/language-checks";
import { expect, test, type Page } from "@playwright/test";
import { Libvirt } from "../../lib/libvirt";
import { startTestGuest, type RunningTestGuest } from "../helpers/test-guest";
import { adminPassword, apiAs, createUser, localHostId, signIn, signInAnyLanguage } from "./fixtures";
import { mockVncServer, type Recorded } from "./support/rfb";

let lv: Libvirt;
let guest: RunningTestGuest;
let consolePath: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  lv = await Libvirt.open("qemu:///system");
  guest = await startTestGuest(lv, { namePrefix: "e2e-hd-display" });
  const uuid = (await lv.domains.list()).find((d) => d.name === guest.name)!.uuid;
  const admin = await apiAs("admin", adminPassword);
  consolePath = `/guests/${await localHostId(admin)}/${uuid}/console`;
  await admin.dispose();
});

test.afterAll(async () => {
  await guest?.cleanup();
  await lv?.close();
});

/** Opens the console page with the test's VNC server behind /ws/vnc; resolves once the page is connected and may type. */
async function openWithMock(
  page: Page,
  signInFirst: (page: Page) => Promise<void> = (p) => signIn(p, "admin", adminPassword),
): Promise<Recorded & { close(code: number, reason: string): Promise<void> }> {
  let server: ReturnType<typeof mockVncServer> | null = null;
  let route: Parameters<Parameters<Page["routeWebSocket"]>[1]>[0] | null = null;
  await page.routeWebSocket(/\/ws\/vnc/, (ws) => {
    route = ws;
    server = mockVncServer(ws);
    server.seat();
  });
  await signInFirst(page);
  await page.goto(consolePath);
  // The first page of a fresh server loads noVNC's code first.
  await expect(page.getByTestId("console-status")).toHaveAttribute("data-state", "connected", { timeout: 30_000 });
  // Paste as keys, the toolbar's first button (named in the page's language), is enabled once this page may type.
  await expect(page.getByRole("toolbar").getByRole("button").nth(0)).toBeEnabled();
  return Object.assign(server!, { close: (code: number, reason: string) => route!.close({ code, reason }) });
}

// PC AT scancodes (set 1) of the keys, as QEMU's extended key event carries them.
const SC = { ShiftLeft: 0x2a, KeyL: 0x26, KeyJ: 0x24, KeyV: 0x2f, Slash: 0x35, BracketLeft: 0x1a, Quote: 0x28, IntlRo: 0x73, Escape: 0x01 };
const downs = (r: Recorded) => r.keys.filter((k) => k.down).map((k) => k.scancode);

async function pasteAsKeys(page: Page, text: string) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.getByRole("button", { name: "Paste as keys" }).click();
}

test("Paste as keys sends the keys a Russian and a Japanese layout need", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const server = await openWithMock(page);

  await page.getByLabel("Guest keyboard layout").selectOption("ru");
  await pasteAsKeys(page, "Дом.");
  await expect.poll(() => downs(server)).toEqual([SC.ShiftLeft, SC.KeyL, SC.KeyJ, SC.KeyV, SC.Slash]);
  // Each key is released again, the modifier after the key it was held for.
  await expect
    .poll(() => server.keys.filter((k) => !k.down).map((k) => k.scancode))
    .toEqual([SC.KeyL, SC.ShiftLeft, SC.KeyJ, SC.KeyV, SC.Slash]);
  // The keysym is the character itself (д is U+0434).
  expect(server.keys.find((k) => k.scancode === SC.KeyL)!.keysym).toBe(0x01000000 + 0x0414);

  server.keys.length = 0;
  await page.getByLabel("Guest keyboard layout").selectOption("ja");
  await pasteAsKeys(page, "@:_");
  await expect.poll(() => downs(server)).toEqual([SC.BracketLeft, SC.Quote, SC.ShiftLeft, SC.IntlRo]);

  // The choice is remembered for this guest; characters a layout cannot type are named.
  await page.reload();
  await expect(page.getByLabel("Guest keyboard layout")).toHaveValue("ja");
  await page.getByLabel("Guest keyboard layout").selectOption("ru");
  await pasteAsKeys(page, "abc");
  await expect(page.getByText("3 characters cannot be typed with the Russian layout: a b c")).toBeVisible();
});

test("on a high-DPI screen, actual size shows one guest pixel per screen pixel and clicks land on the pixel seen", async ({ browser }) => {
  const context = await browser.newContext({ deviceScaleFactor: 2, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const server = await openWithMock(page);
  await page.getByLabel("Scaling").selectOption("actual");
  const canvas = page.getByTestId("vnc-screen").locator("canvas");
  // 640×480 guest pixels on a 2× screen: 320×240 CSS pixels.
  await expect.poll(async () => (await canvas.boundingBox())?.width).toBe(320);
  expect((await canvas.boundingBox())?.height).toBe(240);
  await canvas.click({ position: { x: 100, y: 50 } });
  await expect.poll(() => server.pointers.some((p) => p.x === 200 && p.y === 100 && p.mask === 1)).toBe(true);

  // Fit to window: the scale follows the box, and the mapping with it.
  await page.getByLabel("Scaling").selectOption("fit");
  await expect.poll(async () => (await canvas.boundingBox())?.width ?? 0).toBeGreaterThan(320);
  const box = (await canvas.boundingBox())!;
  server.pointers.length = 0;
  await canvas.click({ position: { x: box.width / 2, y: box.height / 4 } });
  await expect.poll(() => server.pointers.some((p) => Math.abs(p.x - 320) <= 1 && Math.abs(p.y - 120) <= 1)).toBe(true);
  await context.close();
});

test("the key bar sends keys a tablet has none of; full screen keeps the toolbar in reach", async ({ page }) => {
  const server = await openWithMock(page);
  await page.getByRole("button", { name: "Key bar" }).click();
  const bar = page.getByTestId("key-bar");
  await bar.getByRole("button", { name: "Escape" }).click();
  await expect.poll(() => downs(server)).toEqual([SC.Escape]);
  // Ctrl is held for the next key: Ctrl+F1 (F1 is 0x3b, Ctrl 0x1d).
  server.keys.length = 0;
  await bar.getByRole("button", { name: "Ctrl" }).click();
  await bar.getByRole("button", { name: "F1", exact: true }).click();
  await expect.poll(() => downs(server)).toEqual([0x1d, 0x3b]);

  await page.getByRole("button", { name: "Full screen" }).click();
  const frame = page.getByTestId("console-frame");
  await expect(frame).toHaveAttribute("data-fullscreen", "true");
  // The toolbar slides away to give the guest the screen, and comes back on request.
  await expect(page.getByRole("button", { name: "Show toolbar" })).toBeVisible();
  // A tap on the tab brings it back (a tablet's tap, with no pointer moving there first: with a mouse, reaching
  // the top edge already brings the toolbar back and the tab goes).
  await page.getByRole("button", { name: "Show toolbar" }).dispatchEvent("click");
  await expect(page.getByRole("button", { name: "Exit full screen" })).toBeInViewport();
  await page.getByRole("button", { name: "Exit full screen" }).click();
  await expect(frame).toHaveAttribute("data-fullscreen", "false");
});

test("a dropped link says why and reconnects by itself", async ({ page }) => {
  const server = await openWithMock(page);
  // What an instance sends its consoles when it stops gracefully.
  await server.close(1012, "The server is restarting");
  await expect(page.getByTestId("console-reason")).toContainText("The console server is restarting — reconnecting in");
  // The next attempt finds the test's server again.
  await expect(page.getByTestId("console-status")).toHaveAttribute("data-state", "connected");
  await expect(page.getByTestId("console-reason")).toHaveCount(0);
});

test("the console's toolbar speaks Korean, Japanese and Russian, and no button's words overflow it", async ({ browser }) => {
  const admin = await apiAs("admin", adminPassword);
  const person = await createUser(admin, "hd-lang", { role: "operator" });
  await admin.dispose();
  const expected = {
    "ko-KR": { connected: "연결됨", paste: "키 입력으로 붙여넣기", keyBar: "키 막대", arrow: "왼쪽 화살표" },
    "ja-JP": { connected: "接続済み", paste: "キー入力として貼り付け", keyBar: "キーバー", arrow: "左矢印" },
    "ru-RU": { connected: "Подключено", paste: "Вставить нажатиями клавиш", keyBar: "Панель клавиш", arrow: "Стрелка влево" },
  };
  for (const [locale, words] of Object.entries(expected)) {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    await openWithMock(page, (p) => signInAnyLanguage(p, person.username, person.password));
    await expect(page.getByTestId("console-status")).toHaveText(words.connected);
    await expect(page.getByRole("button", { name: words.paste })).toBeEnabled();
    await page.getByRole("button", { name: words.keyBar }).click();
    await expect(page.getByTestId("key-bar").getByRole("button", { name: words.arrow })).toBeVisible();
    // Longer Russian words and CJK text stay inside their buttons (the toolbar wraps instead).
    await expectNoOverflow(page.getByRole("toolbar").getByRole("button"), locale);
    await context.close();
  }
});
