import { expect, test, type APIRequestContext } from "@playwright/test";
import WebSocket from "ws";
import { Libvirt } from "../../lib/libvirt";
import { startTestGuest, waitForBoot, type RunningTestGuest } from "../helpers/test-guest";
import { adminPassword, apiAs, baseURL, createUser, localHostId, signIn } from "./fixtures";
import { origin } from "./support/raw-http";

// Taking access away reaches connections that are already open: events sockets and consoles close, say
// why, and the console session's audit row records the reason.

let lv: Libvirt;
let guest: RunningTestGuest;
let uuid: string;
let hostId: string;
let admin: APIRequestContext;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  lv = await Libvirt.open("qemu:///system");
  guest = await startTestGuest(lv, { namePrefix: "e2e-revoke" });
  uuid = (await lv.domains.list()).find((d) => d.name === guest.name)!.uuid;
  expect(await waitForBoot(lv, guest.dom, 180_000)).toBe(true);
  admin = await apiAs("admin", adminPassword);
  hostId = await localHostId(admin);
});

test.afterAll(async () => {
  await admin?.dispose();
  await guest?.cleanup();
  await lv?.close();
});

const cookieOf = async (ctx: APIRequestContext) => (await ctx.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");

/** A helpdesk person granted this one guest; returns their API session and the grant's id. */
async function helpdeskOnGuest() {
  const person = await createUser(admin, "revoke-hd", { role: "helpdesk", scope: "guest", hostId, guestUuid: uuid });
  const users = (await (await admin.get("/api/admin/users")).json()) as { id: string; grants: { id: string }[] }[];
  const grantId = users.find((u) => u.id === person.id)!.grants[0].id;
  return { person, grantId, api: await apiAs(person.username, person.password) };
}

/** Opens a WebSocket; resolves when open, and records how it closed. */
function openSocket(path: string, cookie: string) {
  return new Promise<{ ws: WebSocket; closed: Promise<{ code: number; reason: string }> }>((resolve, reject) => {
    const ws = new WebSocket(baseURL.replace("http", "ws") + path, { headers: { Origin: origin, Cookie: cookie } });
    const closed = new Promise<{ code: number; reason: string }>((done) =>
      ws.on("close", (code, reason) => done({ code, reason: reason.toString() })),
    );
    ws.on("open", () => resolve({ ws, closed }));
    ws.on("unexpected-response", (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
    ws.on("error", () => undefined);
  });
}

async function consoleEndRow(username: string, kind: string) {
  let details: Record<string, unknown> = {};
  await expect
    .poll(async () => {
      const audit = (await (await admin.get(`/api/admin/audit?action=console.${kind}.end`)).json()) as {
        rows: { actor: string; details: Record<string, unknown> | string }[];
      };
      const row = audit.rows.find((r) => r.actor === username);
      details = typeof row?.details === "string" ? JSON.parse(row.details) : (row?.details ?? {});
      return Boolean(row);
    })
    .toBe(true);
  return details;
}

test("removing a helpdesk person's grant closes their open VNC console, which says why; the audit row records it", async ({ page }) => {
  const { person, grantId, api } = await helpdeskOnGuest();
  await api.dispose();
  await signIn(page, person.username, person.password);
  await page.goto(`/guests/${hostId}/${uuid}/console`);
  await expect(page.getByTestId("console-status")).toHaveAttribute("data-state", "connected", { timeout: 30_000 });
  expect((await admin.delete(`/api/admin/users/${person.id}/grants/${grantId}`)).status()).toBe(200);
  await expect(page.getByTestId("console-status")).toHaveAttribute("data-state", "failed");
  await expect(page.getByText("Your access to this guest was removed")).toBeVisible();
  expect((await consoleEndRow(person.username, "vnc")).endedBecause).toBe("guest-access-removed");
});

test("disabling a person closes their serial console and events socket at once, with the reason", async () => {
  const { person, api } = await helpdeskOnGuest();
  const cookie = await cookieOf(api);
  const ticket = (await (await api.post(`/api/hosts/${hostId}/guests/${uuid}/console`, { data: { kind: "serial" } })).json()) as {
    path: string;
  };
  const serial = await openSocket(ticket.path, cookie);
  const events = await openSocket("/ws/events", cookie);
  expect((await admin.patch(`/api/admin/users/${person.id}`, { data: { disabled: true } })).status()).toBe(200);
  expect(await serial.closed).toEqual({ code: 4001, reason: "disabled" });
  expect(await events.closed).toEqual({ code: 4001, reason: "disabled" });
  expect((await consoleEndRow(person.username, "serial")).endedBecause).toBe("disabled");
  await api.dispose();
});

test("a password reset sends the person's open pages to the sign-in page, which says why", async ({ page }) => {
  const person = await createUser(admin, "revoke-reset", { role: "viewer" });
  await signIn(page, person.username, person.password);
  await page.goto("/guests");
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-status", "open");
  expect((await admin.patch(`/api/admin/users/${person.id}`, { data: { password: "a-brand-new-password-1" } })).status()).toBe(200);
  await expect(page).toHaveURL(/\/login\?ended=password-reset/);
  await expect(page.getByTestId("access-ended")).toHaveText("Your password was changed; sign in again");
});

test("signing out closes that session's sockets and leaves the person's other sessions open", async () => {
  const person = await createUser(admin, "revoke-logout", { role: "viewer" });
  const first = await apiAs(person.username, person.password);
  const second = await apiAs(person.username, person.password);
  const one = await openSocket("/ws/events", await cookieOf(first));
  const two = await openSocket("/ws/events", await cookieOf(second));
  expect((await first.post("/api/auth/logout")).status()).toBe(200);
  expect(await one.closed).toEqual({ code: 4001, reason: "signed-out" });
  // The other session's socket still hears the server: it answers a ping.
  const pong = new Promise((resolve) => two.ws.once("pong", resolve));
  two.ws.ping();
  await pong;
  expect(two.ws.readyState).toBe(WebSocket.OPEN);
  two.ws.close();
  await first.dispose();
  await second.dispose();
});

test("deleting a person closes their sockets with the reason; the audit log keeps their name", async () => {
  const person = await createUser(admin, "revoke-delete", { role: "viewer" });
  const api = await apiAs(person.username, person.password);
  const events = await openSocket("/ws/events", await cookieOf(api));
  expect((await admin.delete(`/api/admin/users/${person.id}`)).status()).toBe(200);
  expect(await events.closed).toEqual({ code: 4001, reason: "deleted" });
  const audit = (await (await admin.get("/api/admin/audit?action=user.delete")).json()) as { rows: { target: string }[] };
  expect(audit.rows.some((r) => r.target === `user:${person.username}`)).toBe(true);
  await api.dispose();
});
