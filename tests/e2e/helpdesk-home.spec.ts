// The helpdesk home against one real guest: a card with the guest's live screen, refreshed only while the
// card is seen and the page visible; Ctrl+Alt+Del; a CD from the ISO library an administrator approved.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { rmSync } from "node:fs";
import path from "node:path";
import { Libvirt } from "../../lib/libvirt";
import type { VolumeRef } from "../../lib/libvirt/api/storage";
import { VirDomainXMLFlags } from "../../lib/libvirt/generated/flags";
import { labelledIso, uploadToDefaultPool } from "../helpers/iso-volume";
import { startPersistentTestGuest, type RunningTestGuest } from "../helpers/test-guest";
import { adminPassword, apiAs, createUser, localHostId, signIn } from "./fixtures";

let lv: Libvirt;
let guest: RunningTestGuest;
let admin: APIRequestContext;
let hostId: string;
let uuid: string;
let iso: VolumeRef;
let isoPath: string;
let helpdesk: { username: string; password: string };

test.beforeAll(async () => {
  test.setTimeout(180_000);
  lv = await Libvirt.open("qemu:///system");
  guest = await startPersistentTestGuest(lv, {
    namePrefix: "e2e-hd-home",
    waitForBoot: false,
    extraDevices: "<disk type='file' device='cdrom'><target dev='hdc' bus='ide'/><readonly/></disk>",
  });
  uuid = (await lv.domains.list()).find((d) => d.name === guest.name)!.uuid;
  const file = labelledIso("HDLIBRARY");
  iso = await uploadToDefaultPool(lv, `${guest.name}-library.iso`, file);
  rmSync(path.dirname(file), { recursive: true, force: true });
  isoPath = iso.key;
  admin = await apiAs("admin", adminPassword);
  hostId = await localHostId(admin);
  helpdesk = await createUser(admin, "desk", { role: "helpdesk", scope: "guest", hostId, guestUuid: uuid });
});

test.afterAll(async () => {
  await admin?.dispose();
  await guest?.cleanup();
  if (iso) await lv.storage.deleteVolume(iso).catch(() => undefined);
  await lv?.close();
});

const card = (page: Page) => page.getByTestId("guest-card").filter({ hasText: guest.name });
const loads = async (page: Page) => Number(await card(page).getByTestId("guest-thumbnail").getAttribute("data-loads"));

test("the guest's card shows its screen and refreshes it only while the page is visible", async ({ browser }) => {
  test.setTimeout(120_000);
  const watched = await (await browser.newContext()).newPage();
  await signIn(watched, helpdesk.username, helpdesk.password);
  const thumb = card(watched).getByTestId("guest-thumbnail");
  await expect(thumb).toHaveAttribute("data-live", "true");
  await expect(thumb.getByRole("img", { name: `Screen of ${guest.name}` })).toBeVisible();
  await expect.poll(() => loads(watched), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);

  // The tab goes to the background: no more pictures are fetched for it.
  let fetchedWhileHidden = 0;
  watched.on("request", (r) => r.url().includes("/thumbnail") && fetchedWhileHidden++);
  await watched.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
    document.dispatchEvent(new Event("visibilitychange"));
  });
  await expect(thumb).toHaveAttribute("data-live", "false");
  fetchedWhileHidden = 0;
  // Another desk keeps its card visible: its refreshes are the clock the hidden page is measured against.
  const clock = await (await browser.newContext()).newPage();
  await signIn(clock, helpdesk.username, helpdesk.password);
  await expect.poll(() => loads(clock), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
  expect(fetchedWhileHidden).toBe(0);

  // Visible again: refreshing resumes.
  const before = await loads(watched);
  await watched.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { value: "visible", configurable: true });
    document.dispatchEvent(new Event("visibilitychange"));
  });
  await expect(thumb).toHaveAttribute("data-live", "true");
  await expect.poll(() => loads(watched), { timeout: 30_000 }).toBeGreaterThan(before);
  await watched.context().close();
  await clock.context().close();
});

test("Ctrl+Alt+Del and a CD from the approved library, from the card", async ({ page }) => {
  // The administrator approves the image for this host.
  await signIn(page, "admin", adminPassword);
  await page.goto("/admin/settings");
  const library = page.getByRole("region", { name: "ISO library for helpdesk staff" });
  await library.getByRole("checkbox", { name: new RegExp(`${guest.name}-library\\.iso`) }).check();
  await library.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("ISO library saved")).toBeVisible();

  await page.context().clearCookies();
  await signIn(page, helpdesk.username, helpdesk.password);
  await card(page).getByRole("button", { name: "Ctrl+Alt+Del" }).click();
  await expect(page.getByText(`Ctrl+Alt+Del sent to ${guest.name}`)).toBeVisible();

  await card(page).getByRole("button", { name: "CD…" }).click();
  const drive = card(page).getByLabel("CD in hdc");
  await drive.selectOption({ label: `${guest.name}-library.iso` });
  await expect(page.getByText(`${guest.name}-library.iso is in ${guest.name}'s CD drive`)).toBeVisible();
  expect(await lv.domains.xml(guest.dom)).toContain(`<source file='${isoPath}'`);
  // It stays in after the guest's next start too.
  expect(await lv.domains.xml(guest.dom, VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE)).toContain(`<source file='${isoPath}'`);
  await drive.selectOption({ label: "Empty" });
  await expect(page.getByText(`${guest.name}'s CD drive is empty`)).toBeVisible();
  expect(await lv.domains.xml(guest.dom)).not.toContain(isoPath);

  // Only approved images: anything else is refused, for helpdesk staff as for everyone.
  const desk = await apiAs(helpdesk.username, helpdesk.password);
  const refused = await desk.post(`/api/hosts/${hostId}/guests/${uuid}/media`, { data: { target: "hdc", path: "/etc/shadow" } });
  expect(refused.status()).toBe(422);
  await desk.dispose();
  const audit = (await (await admin.get("/api/admin/audit?action=guest.")).json()) as { rows: { action: string; target: string }[] };
  const mine = audit.rows.filter((r) => r.target.includes(uuid)).map((r) => r.action);
  expect(mine).toEqual(expect.arrayContaining(["guest.keys.send", "guest.media.change"]));
});

test("the guest's overview shows its live screen, which opens the console, only to those who may open consoles", async ({ page }) => {
  await signIn(page, helpdesk.username, helpdesk.password);
  await page.goto(`/guests/${encodeURIComponent(hostId)}/${uuid}`);
  const preview = page.getByTestId("console-preview");
  await expect(preview.getByRole("img", { name: `Screen of ${guest.name}` })).toBeVisible();
  await expect(preview.getByTestId("guest-thumbnail")).toHaveAttribute("data-live", "true");
  await preview.getByRole("link", { name: `Open the console of ${guest.name}` }).click();
  await expect(page).toHaveURL(new RegExp(`/guests/[^/]+/${uuid}/console$`));

  // A viewer may see the guest but not its console: no screen on the overview.
  const viewer = await createUser(admin, "hd-viewer", { role: "viewer", scope: "guest", hostId, guestUuid: uuid });
  // Leave the console first: with its cookie gone it would go to the sign-in page itself, racing ours.
  await page.goto("about:blank");
  await page.context().clearCookies();
  await signIn(page, viewer.username, viewer.password);
  await page.goto(`/guests/${encodeURIComponent(hostId)}/${uuid}`);
  await expect(page.getByRole("definition").filter({ hasText: uuid })).toBeVisible();
  await expect(page.getByTestId("console-preview")).toHaveCount(0);
});
