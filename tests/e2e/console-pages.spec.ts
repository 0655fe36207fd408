import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { Libvirt } from "../../lib/libvirt";
import { VirDomainXMLFlags } from "../../lib/libvirt/generated/flags";
import {
  ensureTestGuestImage,
  resolveVirtType,
  startTestGuest,
  testGuestXml,
  uniqueGuestName,
  waitForBoot,
  type RunningTestGuest,
} from "../helpers/test-guest";
import { adminPassword, apiAs, createUser, signIn, localHostId } from "./fixtures";

// VNC passwords are at most 8 characters.
const VNC_PASSWORD = `v${randomBytes(3).toString("hex")}x`;
const SPICE_PASSWORD = `s-${randomBytes(6).toString("hex")}`;

let lv: Libvirt;
let admin: APIRequestContext;
let hostId: string;
let vncGuest: RunningTestGuest;
let spiceGuest: RunningTestGuest;
const uuidOf = async (g: RunningTestGuest) => (await lv.domains.list()).find((d) => d.name === g.name)!.uuid;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  lv = await Libvirt.open("qemu:///system");
  [vncGuest, spiceGuest] = await Promise.all([
    startTestGuest(lv, {
      namePrefix: "e2e-vncpw",
      graphics: `<graphics type='vnc' autoport='yes' listen='127.0.0.1' passwd='${VNC_PASSWORD}'/>`,
    }),
    startTestGuest(lv, {
      namePrefix: "e2e-spice",
      graphics: `<graphics type='spice' autoport='yes' listen='127.0.0.1' passwd='${SPICE_PASSWORD}'/>`,
    }),
  ]);
  expect(await waitForBoot(lv, vncGuest.dom)).toBe(true);
  admin = await apiAs("admin", adminPassword);
  hostId = await localHostId(admin);
});

test.afterAll(async () => {
  await admin?.dispose();
  await Promise.all([vncGuest?.cleanup(), spiceGuest?.cleanup()]);
  await lv?.close();
});

/** Text the terminal shows (xterm's DOM renderer keeps rows as text). */
const terminalText = (page: Page) => page.getByTestId("serial-terminal").locator(".xterm-rows").innerText();

test("the serial console page types into the guest's shell, shows the answer, and is taken over only on request", async ({
  page,
  browser,
}) => {
  await signIn(page, "admin", adminPassword);
  const uuid = await uuidOf(vncGuest);
  await page.goto(`/guests/${hostId}/${uuid}/console`);
  await page.getByRole("tab", { name: "Serial port 1" }).click();
  await expect(page.getByTestId("console-status")).toHaveAttribute("data-state", "connected");
  const marker = `XT-${randomBytes(4).toString("hex")}`;
  await page.getByTestId("serial-terminal").click();
  await page.keyboard.type(`\recho ${marker.slice(0, 4)}""${marker.slice(4)}\r`);
  // The echoed command has the quotes; only the shell's answer has the marker whole.
  await expect.poll(() => terminalText(page), { timeout: 15_000 }).toContain(marker);

  // A second session finds the console busy and says so; taking over is an explicit click.
  const other = await browser.newPage();
  await signIn(other, "admin", adminPassword);
  await other.goto(`/guests/${hostId}/${uuid}/console?view=serial0`);
  await expect(other.getByText("Someone else has this console open")).toBeVisible();
  await other.getByRole("button", { name: "Take over the console" }).click();
  await expect(other.getByTestId("console-status")).toHaveAttribute("data-state", "connected");
  await expect(page.getByTestId("console-status")).toHaveAttribute("data-state", "failed");
  await other.close();
});

test("a VNC display with a password opens without anyone typing it, and the password never reaches the browser", async ({ page }) => {
  const uuid = await uuidOf(vncGuest);
  const seen: string[] = [];
  page.on("response", async (r) => {
    if (r.url().includes("/api/")) seen.push(await r.text().catch(() => ""));
  });
  page.on("websocket", (ws) =>
    ws.on("framereceived", (f) => seen.push(typeof f.payload === "string" ? f.payload : f.payload.toString("latin1"))),
  );
  await signIn(page, "admin", adminPassword);
  await page.goto(`/guests/${hostId}/${uuid}`);
  await page.getByRole("link", { name: "Console", exact: true }).click();
  await expect(page.getByTestId("console-status")).toHaveAttribute("data-state", "connected", { timeout: 20_000 });
  const canvas = page.getByTestId("vnc-screen").locator("canvas");
  await expect.poll(() => canvas.evaluate((c: HTMLCanvasElement) => c.width * c.height)).toBeGreaterThan(0);
  expect(seen.length).toBeGreaterThan(3);
  expect(seen.join("\n")).not.toContain(VNC_PASSWORD);
});

test("a SPICE display opens in the browser, and the .vv file carries a two-minute password", async ({ page }) => {
  test.setTimeout(90_000);
  const uuid = await uuidOf(spiceGuest);
  await signIn(page, "admin", adminPassword);
  await page.goto(`/guests/${hostId}/${uuid}/console`);
  await expect(page.getByTestId("console-status")).toHaveAttribute("data-state", "connected", { timeout: 30_000 });
  // The display channel creates its surface canvas once the guest draws.
  const surface = page.getByTestId("spice-screen").locator("canvas").first();
  await expect
    .poll(() => surface.evaluate((c: HTMLCanvasElement) => c.width * c.height).catch(() => 0), { timeout: 30_000 })
    .toBeGreaterThan(0);

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download .vv file" }).click();
  const file = readFileSync(await (await download).path(), "utf8");
  const password = /^password=(.+)$/m.exec(file)?.[1];
  expect(file).toMatch(/^\[virt-viewer\]\ntype=spice\nhost=127\.0\.0\.1\nport=\d+\n/);
  expect(password).toBeTruthy();
  expect(password).not.toBe(SPICE_PASSWORD);
  await expect(page.getByRole("status")).toContainText("loopback");
  const live = await lv.domains.xml(spiceGuest.dom, VirDomainXMLFlags.VIR_DOMAIN_XML_SECURE);
  expect(live).toContain(`passwd='${password}'`);
  const validTo = Date.parse(`${/passwdValidTo='([^']+)'/.exec(live)![1]}Z`);
  expect(validTo - Date.now()).toBeGreaterThan(60_000);
  expect(validTo - Date.now()).toBeLessThanOrEqual(120_000);
  // The browser's console keeps working: the relay uses whatever password the display has now.
  await page.reload();
  await expect(page.getByTestId("console-status")).toHaveAttribute("data-state", "connected", { timeout: 30_000 });
});

test("a viewer downloads a screenshot of a running guest as PNG; a stopped guest says why", async ({ page }) => {
  const uuid = await uuidOf(vncGuest);
  const viewer = await createUser(admin, "shot-viewer", { role: "viewer", scope: "guest", hostId, guestUuid: uuid });
  await signIn(page, viewer.username, viewer.password);
  await page.goto(`/guests/${hostId}/${uuid}`);
  await expect(page.getByRole("link", { name: "Console" })).toHaveCount(0);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Screenshot" }).click();
  const png = readFileSync(await (await download).path());
  expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  // Chromium decodes it: a real image of the guest's screen size.
  const size = await page.evaluate(async (b64) => {
    // From bytes, not a data: URL: the Content-Security-Policy's connect-src keeps fetch() to the console's own origin.
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: "image/png" }));
    return [bitmap.width, bitmap.height];
  }, png.toString("base64"));
  expect(size[0]).toBeGreaterThanOrEqual(640);
  expect(size[1]).toBeGreaterThanOrEqual(400);

  const image = ensureTestGuestImage();
  const stopped = await lv.domains.define(testGuestXml(uniqueGuestName("e2e-shot-off"), image, 128, await resolveVirtType(lv)));
  try {
    const offUuid = (await lv.domains.list()).find((d) => d.name === stopped.name)!.uuid;
    const res = await admin.get(`/api/hosts/${hostId}/guests/${offUuid}/screenshot`);
    expect(res.status()).toBe(409);
    expect(((await res.json()) as { error: string }).error).toBe("The guest is not running, so it has no screen to capture");
  } finally {
    await lv.domains.undefine(stopped);
  }
});

test("helpdesk staff see the guests granted to them, power and console, and nothing else", async ({ page }) => {
  const uuid = await uuidOf(vncGuest);
  const helpdesk = await createUser(admin, "hd-ui", { role: "helpdesk", scope: "guest", hostId, guestUuid: uuid });
  await signIn(page, helpdesk.username, helpdesk.password);
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const hidden of ["Hosts", "Storage", "Networks", "Admin", "Users", "Audit log"])
    await expect(nav.getByRole("link", { name: hidden, exact: true })).toHaveCount(0);
  await page.goto("/guests");
  await expect(page.getByRole("link", { name: vncGuest.name })).toBeVisible();
  await expect(page.getByRole("link", { name: spiceGuest.name })).toHaveCount(0);
  await page.goto(`/guests/${hostId}/${uuid}`);
  await page.getByRole("button", { name: "More actions" }).click();
  await expect(page.getByRole("menuitem", { name: "Reboot" })).toBeVisible();
  await expect(page.getByRole("menuitem", { name: /Delete/ })).toHaveCount(0);
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("guest-xml")).toHaveCount(0);
  const api = await (await page.request.get(`/api/hosts/${hostId}/guests/${uuid}`)).json();
  expect(api.xml).toBeNull();
  // Another guest's console page, typed in by hand: refused by the server.
  await page.goto(`/guests/${hostId}/${await uuidOf(spiceGuest)}/console`);
  await expect(page.getByRole("heading", { name: "Access denied" })).toBeVisible();
  await page.goto(`/guests/${hostId}/${uuid}/console`);
  await expect(page.getByTestId("console-status")).toHaveAttribute("data-state", "connected", { timeout: 20_000 });
});
