// Helpdesk consoles against one real guest: the clipboard channel and the serial log added from the console
// page and there after the next boot; serial output written while nobody watched, kept and searchable;
// clipboard text from the page on QEMU's clipboard (seen by another VNC client) and back; two people on one
// display, the watcher's input dropped by the relay, hand-over and take-over audited; a view-only invitation.
import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { Libvirt } from "../../lib/libvirt";
import { runInGuest } from "../helpers/guest-shell";
import { startPersistentTestGuest, waitForBoot, type RunningTestGuest } from "../helpers/test-guest";
import { adminPassword, apiAs, baseURL, createUser, localHostId, signIn } from "./fixtures";
import { clientCutText, directRfb, relayRfb } from "./support/rfb";

let lv: Libvirt;
let guest: RunningTestGuest;
let admin: APIRequestContext;
let hostId: string;
let uuid: string;
let consolePath: string;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  lv = await Libvirt.open("qemu:///system");
  guest = await startPersistentTestGuest(lv, { namePrefix: "e2e-hd-console", bootTimeoutMs: 240_000 });
  uuid = (await lv.domains.list()).find((d) => d.name === guest.name)!.uuid;
  admin = await apiAs("admin", adminPassword);
  hostId = await localHostId(admin);
  consolePath = `/guests/${hostId}/${uuid}/console`;
});

test.afterAll(async () => {
  await admin?.dispose();
  await guest?.cleanup();
  await lv?.close();
});

const vncPort = async () => Number(/<graphics type='vnc' port='(\d+)'/.exec(await lv.domains.xml(guest.dom))![1]);
const cookieOf = async (ctx: APIRequestContext) => (await ctx.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
const auditActions = async (prefix: string) =>
  (
    (await (await admin.get(`/api/admin/audit?action=${prefix}`)).json()) as {
      rows: { action: string; actor: string; target: string; details: Record<string, unknown> }[];
    }
  ).rows.filter((r) => r.target.includes(uuid));

async function openConsole(page: Page, query = "") {
  await page.goto(`${consolePath}${query}`);
  await expect(page.getByTestId("console-status")).toHaveAttribute("data-state", "connected", { timeout: 30_000 });
}

test("the clipboard channel and the serial log are added from the console page and are there after the next boot", async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, "admin", adminPassword);
  await openConsole(page);
  await page.getByRole("button", { name: "Clipboard" }).click();
  const status = page.getByTestId("clipboard-status");
  await expect(status).toHaveAttribute("data-channel", "none");
  await page.getByRole("button", { name: "Add the clipboard channel (applies at the next boot)" }).click();
  await expect(status).toHaveAttribute("data-channel", "next-boot");
  await expect(status).toContainText("applies at its next boot");

  await page.getByRole("tab", { name: "Serial port 1" }).click();
  await page.getByRole("button", { name: "Kept output (log)" }).click();
  const source = page.getByTestId("serial-log-source");
  await expect(source).toHaveAttribute("data-state", "no-log");
  await page.getByRole("button", { name: "Keep this port's output (from the next boot)" }).click();
  await expect(source).toHaveAttribute("data-state", "next-boot");

  // The next boot: off and on again.
  for (const action of ["forceoff", "start"]) {
    const res = await admin.post(`/api/hosts/${hostId}/guests/${uuid}/power`, { data: { action } });
    expect(res.status(), await res.text()).toBe(200);
  }
  // Booted all the way (its shell up), so the next test's commands reach the shell, not the boot.
  expect(await waitForBoot(lv, guest.dom, 180_000)).toBe(true);
  const live = await lv.domains.xml(guest.dom);
  expect(live).toMatch(/<channel type='qemu-vdagent'>[\s\S]*<clipboard copypaste='yes'\/>[\s\S]*name='com.redhat.spice.0'/);
  expect(live).toContain(`<log file='/var/log/libvirt/qemu/${guest.name}-serial0.log' append='on'/>`);
  await openConsole(page);
  await page.getByRole("button", { name: "Clipboard" }).click();
  await expect(status).toHaveAttribute("data-channel", "active");
  // Nothing in this guest runs spice-vdagent: the page says its side does not answer.
  await expect(status).toHaveAttribute("data-agent", "disconnected");
  await expect(status).toContainText("install and start spice-vdagent");
  expect((await auditActions("guest.device.add")).length).toBe(1);
  expect((await auditActions("console.serial.log.enable")).length).toBe(1);
});

test("serial output written while nobody watched is kept and searchable", async ({ page }) => {
  test.setTimeout(300_000);
  const [a, b] = [randomBytes(3).toString("hex"), randomBytes(3).toString("hex")];
  // The guest prints the marker by itself a few seconds after the test lets go of its console; the command
  // line the shell echoes has quotes between the halves, so only the guest's own output has them joined.
  await runInGuest(lv, guest.dom, `(busybox sleep 4; echo LATE-${a}""${b}) & echo started`, { timeoutMs: 240_000 });
  await signIn(page, "admin", adminPassword);
  await page.goto(`${consolePath}?view=serial0`);
  await page.getByRole("button", { name: "Kept output (log)" }).click();
  await expect(page.getByTestId("serial-log-source")).toHaveAttribute("data-state", "reading");
  await page.getByLabel("Search the log").fill(`LATE-${a}${b}`);
  await expect(page.getByTestId("serial-log-lines")).toContainText(`LATE-${a}${b}`, { timeout: 60_000 });
  // What the guest printed at boot, before anyone connected, is there too.
  await page.getByLabel("Search the log").fill("TESTGUEST READY");
  await expect(page.getByTestId("serial-log-lines")).toContainText("TESTGUEST READY");
  const download = await admin.get(`/api/hosts/${hostId}/guests/${uuid}/serial-log/download?device=serial0`);
  // One line per kept line, its time first; the guest's echo follows the shell's prompt on its line.
  expect(await download.text()).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z  .*LATE-${a}${b}$`, "m"));
});

test("clipboard text from the page reaches QEMU's clipboard, and the other way", async ({ page }) => {
  const observer = await directRfb(await vncPort());
  try {
    await signIn(page, "admin", adminPassword);
    await openConsole(page);
    await page.getByRole("button", { name: "Clipboard" }).click();
    const text = `Grüße vom Schreibtisch — привет ${randomBytes(3).toString("hex")}`;
    await page.getByLabel("Text for the guest's clipboard").fill(text);
    await page.getByRole("button", { name: "Send to the guest" }).click();
    await expect.poll(() => observer.clipboard).toContain(text);

    const back = `from the guest side ${randomBytes(3).toString("hex")}`;
    observer.offer(back);
    await expect(page.getByTestId("clipboard-from-guest")).toHaveText(back);
  } finally {
    observer.close();
  }
});

/** A signed-in page of its own (another person at another desk). */
async function desk(browser: Browser, user: { username: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, user.username, user.password);
  return page;
}

test("two people on one display see each other; the watcher's input stops at the relay; hand-over and take-over are audited", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const grant = { scope: "guest", hostId, guestUuid: uuid };
  const ann = await createUser(admin, "ann", { role: "helpdesk", ...grant });
  const bob = await createUser(admin, "bob", { role: "helpdesk", ...grant });
  const olga = await createUser(admin, "olga", { role: "operator", scope: "host", hostId });
  const annPage = await desk(browser, ann);
  await openConsole(annPage);
  const bobPage = await desk(browser, bob);
  await openConsole(bobPage);
  for (const p of [annPage, bobPage]) {
    await expect(p.getByTestId("presence-seat").filter({ hasText: "ann" })).toHaveAttribute("data-mode", "control");
    await expect(p.getByTestId("presence-seat").filter({ hasText: "bob" })).toHaveAttribute("data-mode", "view");
  }
  await expect(bobPage.getByRole("button", { name: "Paste as keys" })).toBeDisabled();

  // Olga, who may manage the guest, joins watching through the relay as a page would, and types: nothing of
  // it reaches QEMU. Then she takes control, and what she sends next does.
  const observer = await directRfb(await vncPort());
  const olgaApi = await apiAs(olga.username, olga.password);
  const { path } = (await (await olgaApi.post(`/api/hosts/${hostId}/guests/${uuid}/console`, { data: { kind: "vnc" } })).json()) as {
    path: string;
  };
  const olgaRfb = await relayRfb(`${baseURL.replace("http", "ws")}${path}&watch=1`, { Origin: baseURL, Cookie: await cookieOf(olgaApi) });
  await expect.poll(() => olgaRfb.notices.at(-1)).toMatchObject({ type: "seat", mode: "view", mayTake: true });
  const held = `WATCHING-${randomBytes(3).toString("hex")}`;
  olgaRfb.send(clientCutText(held));
  olgaRfb.request({ type: "control.take" });
  await expect.poll(() => olgaRfb.notices.at(-1)).toMatchObject({ type: "seat", mode: "control" });
  const sent = `IN-CONTROL-${randomBytes(3).toString("hex")}`;
  olgaRfb.send(clientCutText(sent));
  await expect.poll(() => observer.clipboard).toContain(sent);
  expect(observer.clipboard).not.toContain(held);
  await expect(annPage.getByTestId("presence-seat").filter({ hasText: "olga" })).toHaveAttribute("data-mode", "control");
  await expect(annPage.getByTestId("presence-seat").filter({ hasText: "ann" })).toHaveAttribute("data-mode", "view");
  olgaRfb.close();
  observer.close();
  await olgaApi.dispose();

  // Nobody has control now: Bob takes it; Ann asks, and Bob gives it to her.
  await bobPage.getByRole("button", { name: "Take control" }).click();
  await expect(bobPage.getByTestId("presence-seat").filter({ hasText: "bob" })).toHaveAttribute("data-mode", "control");
  await annPage.getByRole("button", { name: "Ask for control" }).click();
  await expect(bobPage.getByRole("alert").filter({ hasText: "ann asks for control" })).toBeVisible();
  await bobPage.getByRole("button", { name: "Give control" }).click();
  await expect(annPage.getByTestId("control-message")).toHaveText("bob gave you control");
  await expect(annPage.getByRole("button", { name: "Paste as keys" })).toBeEnabled();
  await expect(bobPage.getByRole("button", { name: "Paste as keys" })).toBeDisabled();

  await expect
    .poll(async () => (await auditActions("console.control")).map((r) => `${r.action} ${r.actor}`).sort())
    .toEqual(
      [
        `console.control.give ${bob.username}`,
        `console.control.request ${ann.username}`,
        `console.control.take ${bob.username}`,
        `console.control.take ${olga.username}`,
      ].sort(),
    );
  const olgaEnd = (await auditActions("console.vnc.end")).find((r) => r.actor === olga.username)!;
  expect(olgaEnd.details.heldBackWhileWatching).toEqual({ clipboard: 1 });
  await annPage.context().close();
  await bobPage.context().close();
});

test("a view-only invitation reaches the colleague's open page and opens the display watching", async ({ browser }) => {
  // Two desks signing in and a console connecting take a while on a busy machine.
  test.setTimeout(180_000);
  const grant = { scope: "guest", hostId, guestUuid: uuid };
  const cara = await createUser(admin, "cara", { role: "helpdesk", ...grant });
  const dan = await createUser(admin, "dan", { role: "helpdesk", ...grant });
  const caraPage = await desk(browser, cara);
  await openConsole(caraPage);
  const danPage = await desk(browser, dan);
  await caraPage.getByRole("button", { name: "Invite a colleague to watch…" }).click();
  await caraPage.getByRole("combobox", { name: "Colleague" }).selectOption({ label: `dan (${dan.username})` });
  await caraPage.getByRole("button", { name: "Send invitation" }).click();
  await expect(caraPage.getByLabel("View-only link")).toHaveValue(`${baseURL}${consolePath}?join=watch`);
  const invite = danPage.getByTestId("console-invite");
  await expect(invite).toContainText(`cara invites you to watch the screen of ${guest.name}`);
  await invite.getByRole("link", { name: "Watch" }).click();
  await expect(danPage.getByTestId("console-status")).toHaveAttribute("data-state", "connected", { timeout: 30_000 });
  await expect(danPage.locator('[data-testid="presence-seat"][data-you="true"]')).toHaveAttribute("data-mode", "view");
  expect((await auditActions("console.invite")).map((r) => r.details.to)).toContain(dan.username);
  await caraPage.context().close();
  await danPage.context().close();
});
