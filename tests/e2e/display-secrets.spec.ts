import { randomBytes } from "node:crypto";
import { flagSet } from "../../lib/libvirt/flag-set";
import { VirDomainXMLFlags } from "../../lib/libvirt/generated/flags";
import { expect, test, type Page } from "@playwright/test";
import { Libvirt } from "../../lib/libvirt";
import { startPersistentTestGuest, type RunningTestGuest } from "../helpers/test-guest";
import { adminPassword, apiAs, signIn, localHostId } from "./fixtures";

// A running guest whose VNC display has a password: the XML tab and the display's hardware page say a
// password is set and never show it, defining the XML keeps it, the form changes and removes it, and the
// console opens throughout because the relay logs in with whatever password the display has.
// VNC passwords are at most 8 characters.
const PASSWORD = `v${randomBytes(3).toString("hex")}x`;
const NEW_PASSWORD = `n${randomBytes(3).toString("hex")}y`;

let lv: Libvirt;
let guest: RunningTestGuest;
let uuid: string;
let hostId: string;

// What libvirt holds, read as only the server may (with SECURE).
const passwordOf = async (flags: VirDomainXMLFlags) =>
  /<graphics type='vnc'[^>]* passwd='([^']*)'/.exec(await lv.domains.xml(guest.dom, flags))?.[1] ?? null;
const savedPassword = () => passwordOf(flagSet(VirDomainXMLFlags.VIR_DOMAIN_XML_SECURE, VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE));
const livePassword = () => passwordOf(VirDomainXMLFlags.VIR_DOMAIN_XML_SECURE);

/** Every API answer and WebSocket frame the page receives, to check that no password is among them. */
function recordTraffic(page: Page): string[] {
  const seen: string[] = [];
  page.on("response", async (r) => {
    if (r.url().includes("/api/")) seen.push(await r.text().catch(() => ""));
  });
  page.on("websocket", (ws) =>
    ws.on("framereceived", (f) => seen.push(typeof f.payload === "string" ? f.payload : f.payload.toString("latin1"))),
  );
  return seen;
}

async function expectConsoleConnects(page: Page): Promise<void> {
  await page.goto(`/guests/${hostId}/${uuid}/console`);
  await expect(page.getByTestId("console-status")).toHaveAttribute("data-state", "connected", { timeout: 20_000 });
  const canvas = page.getByTestId("vnc-screen").locator("canvas");
  await expect.poll(() => canvas.evaluate((c: HTMLCanvasElement) => c.width * c.height)).toBeGreaterThan(0);
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  lv = await Libvirt.open("qemu:///system");
  guest = await startPersistentTestGuest(lv, {
    namePrefix: "e2e-secrets",
    graphics: `<graphics type='vnc' autoport='yes' listen='127.0.0.1' passwd='${PASSWORD}'><listen type='address' address='127.0.0.1'/></graphics>`,
  });
  uuid = (await lv.domains.list()).find((d) => d.name === guest.name)!.uuid;
  const admin = await apiAs("admin", adminPassword);
  hostId = await localHostId(admin);
  await admin.dispose();
});

test.afterAll(async () => {
  await guest?.cleanup();
  await lv?.close();
});

test("the XML tab and the display's page say a password is set without showing it; Define keeps it; the console connects", async ({
  page,
}) => {
  const seen = recordTraffic(page);
  await signIn(page, "admin", adminPassword);
  await page.goto(`/guests/${hostId}/${uuid}?tab=xml`);
  const editor = page.getByLabel("Domain XML");
  await expect(editor).toHaveValue(/<graphics type='vnc'[^>]* passwd='\(hidden\)'/);
  await expect(page.getByText("Passwords and other secrets never leave the server")).toBeVisible();
  expect(await editor.inputValue()).not.toContain(PASSWORD);
  expect(await page.content()).not.toContain(PASSWORD);

  // Defining the XML as shown, with a title added, keeps the password in the saved definition.
  const shown = await editor.inputValue();
  await editor.fill(shown.replace(`<name>${guest.name}</name>`, `<name>${guest.name}</name>\n  <title>Secrets test</title>`));
  await page.getByRole("button", { name: "Define" }).click();
  await expect(page.getByText("XML defined")).toBeVisible();
  await expect
    .poll(async () => (await lv.domains.xml(guest.dom, VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE)).includes("<title>Secrets test</title>"))
    .toBe(true);
  expect(await savedPassword()).toBe(PASSWORD);

  await page.goto(`/guests/${hostId}/${uuid}?tab=hardware&item=graphics:0`);
  await expect(page.getByRole("heading", { name: "Display VNC" })).toBeVisible();
  await expect(page.getByTestId("passwordMode-status")).toHaveText("Password set");
  await expect(page.getByRole("button", { name: "Change password" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Remove password" })).toBeVisible();
  expect(await page.content()).not.toContain(PASSWORD);

  await expectConsoleConnects(page);
  expect(seen.length).toBeGreaterThan(3);
  expect(seen.join("\n")).not.toContain(PASSWORD);
});

test("the display's page changes the password (live and saved) and removes it; the console follows", async ({ page }) => {
  const seen = recordTraffic(page);
  await signIn(page, "admin", adminPassword);
  await page.goto(`/guests/${hostId}/${uuid}?tab=hardware&item=graphics:0`);
  const status = page.getByTestId("passwordMode-status");
  await expect(status).toHaveText("Password set");

  await page.getByRole("button", { name: "Change password" }).click();
  await page.getByLabel("New password").fill(NEW_PASSWORD);
  await expect(page.getByLabel("New password")).toHaveAttribute("type", "password");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect.poll(savedPassword).toBe(NEW_PASSWORD);
  // The saved definition changes first, then the running guest's copy: wait for both.
  await expect.poll(livePassword).toBe(NEW_PASSWORD);
  await expect(status).toHaveText("Password set");
  await expectConsoleConnects(page);

  await page.goto(`/guests/${hostId}/${uuid}?tab=hardware&item=graphics:0`);
  await page.getByRole("button", { name: "Remove password" }).click();
  await expect(status).toHaveText("The password is removed when you apply");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect.poll(savedPassword).toBeNull();
  await expect(status).toHaveText("No password");
  await expect(page.getByRole("button", { name: "Set a password" })).toBeVisible();

  expect(seen.join("\n")).not.toContain(NEW_PASSWORD);
  expect(seen.join("\n")).not.toContain(PASSWORD);
});
