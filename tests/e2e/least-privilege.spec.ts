import { expect, test, type APIRequestContext } from "@playwright/test";
import { Libvirt } from "../../lib/libvirt";
import { ensureTestGuestImage, removeGuests, resolveVirtType, testGuestXml, uniqueGuestName } from "../helpers/test-guest";
import { adminPassword, apiAs, createUser, localHostId, signIn } from "./fixtures";

// What each role sees of hosts: only hosts they have host.view on (a global or host grant). Someone granted
// single guests, and helpdesk staff, see those guests with their host's name and nothing else of hosts.

const mine = uniqueGuestName("lp-mine");
const other = uniqueGuestName("lp-other");
const demoName = `lp-demo-${Date.now().toString(36)}`;
let lv: Libvirt;
let admin: APIRequestContext;
let hostId: string;
let demoId: string;
let uuid: string;

type HostsBody = { hosts: { id: string; name: string; uri?: string }[] };

test.beforeAll(async () => {
  lv = await Libvirt.open("qemu:///system");
  const [image, type] = [ensureTestGuestImage(), await resolveVirtType(lv)];
  // Defined, never started: enough to be listed and granted.
  for (const name of [mine, other]) await lv.domains.define(testGuestXml(name, image, 64, type));
  uuid = (await lv.domains.list()).find((d) => d.name === mine)!.uuid;
  admin = await apiAs("admin", adminPassword);
  hostId = await localHostId(admin);
  const added = await admin.post("/api/hosts", { data: { kind: "test", name: demoName } });
  expect(added.status(), await added.text()).toBe(200);
  demoId = ((await added.json()) as { id: string }).id;
});

test.afterAll(async () => {
  if (demoId) await admin.delete(`/api/hosts/${demoId}`);
  await admin?.dispose();
  await removeGuests(lv, [mine, other]);
  await lv?.close();
});

test("helpdesk staff granted one guest: their dashboard lists it; no hosts page, no hosts API, only the host's name", async ({ page }) => {
  const helpdesk = await createUser(admin, "lp-hd", { role: "helpdesk", scope: "guest", hostId, guestUuid: uuid });
  await signIn(page, helpdesk.username, helpdesk.password);

  // The dashboard lists their guest, with its host's name as a plain label.
  const yours = page.getByRole("region", { name: "Your guests" });
  await expect(yours.getByRole("link", { name: mine })).toBeVisible();
  await expect(yours).toContainText("localhost");
  await expect(yours.getByRole("link", { name: "localhost" })).toHaveCount(0);
  await expect(yours.getByRole("link", { name: other })).toHaveCount(0);
  await yours.getByRole("link", { name: mine }).click();
  await expect(page).toHaveURL(new RegExp(`/guests/[^/]+/${uuid}$`));
  await expect(page.getByRole("main")).toContainText("localhost");
  await expect(page.getByRole("main").getByRole("link", { name: "localhost" })).toHaveCount(0);

  // No Hosts entry, and the pages refuse when typed in.
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Guests" })).toBeVisible();
  for (const hidden of ["Hosts", "Storage", "Networks"]) await expect(nav.getByRole("link", { name: hidden, exact: true })).toHaveCount(0);
  for (const path of ["/hosts", `/hosts/${hostId}`, "/storage", "/networks"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "Access denied" }), path).toBeVisible();
  }

  // The API: no host list; the guest list names the host and says nothing more of it.
  const api = await apiAs(helpdesk.username, helpdesk.password);
  expect((await api.get("/api/hosts")).status()).toBe(403);
  expect((await api.get(`/api/hosts/${hostId}/overview`)).status()).toBe(403);
  const list = (await (await api.get("/api/guests")).json()) as HostsBody & { guests: { name: string }[] };
  expect(list.guests.map((g) => g.name)).toEqual([mine]);
  expect(list.hosts.map((h) => h.name)).toEqual(["localhost"]);
  expect(list.hosts[0].uri).toBeUndefined();
  await api.dispose();
});

test("a viewer granted one host sees that host alone; a viewer granted one guest sees no hosts", async ({ page }) => {
  const hostViewer = await createUser(admin, "lp-hostview", { role: "viewer", scope: "host", hostId: demoId });
  const api = await apiAs(hostViewer.username, hostViewer.password);
  const hosts = (await (await api.get("/api/hosts")).json()) as HostsBody;
  expect(hosts.hosts.map((h) => h.name)).toEqual([demoName]);
  expect(hosts.hosts[0].uri).toBe("test:///default");
  expect((await api.get(`/api/hosts/${hostId}/overview`)).status()).toBe(403);
  expect((await api.get(`/api/hosts/${demoId}/overview`)).status()).toBe(200);
  await api.dispose();

  await signIn(page, hostViewer.username, hostViewer.password);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Hosts" }).click();
  await expect(page.getByTestId("host-item")).toHaveCount(1);
  await expect(page.getByTestId("host-item")).toContainText(demoName);
  await page.goto(`/hosts/${hostId}`);
  await expect(page.getByRole("heading", { name: "Access denied" })).toBeVisible();

  const guestViewer = await createUser(admin, "lp-guestview", { role: "viewer", scope: "guest", hostId, guestUuid: uuid });
  const guestApi = await apiAs(guestViewer.username, guestViewer.password);
  expect((await guestApi.get("/api/hosts")).status()).toBe(403);
  const list = (await (await guestApi.get("/api/guests")).json()) as HostsBody & { guests: { name: string }[] };
  expect(list.guests.map((g) => g.name)).toEqual([mine]);
  await guestApi.dispose();
  const guestPage = await (await page.context().browser()!.newContext()).newPage();
  await signIn(guestPage, guestViewer.username, guestViewer.password);
  await expect(guestPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Hosts" })).toHaveCount(0);
  await guestPage.context().close();
});

test("a host name with a text-direction override is refused with the field's message", async ({ page }) => {
  await signIn(page, "admin", adminPassword);
  await page.goto("/hosts/new");
  const form = page.getByRole("form", { name: "New host" });
  await form.getByLabel("Connection").selectOption("test");
  await form.getByRole("textbox", { name: /^Name/ }).fill("invoice\u202Efdp.exe");
  await form.getByRole("button", { name: "Add host" }).click();
  await expect(form.getByText("No invisible text-direction characters: they make text show in a misleading order")).toBeVisible();
  await expect(page).toHaveURL(/\/hosts\/new$/);
  // The server says the same to a request that skips the form.
  const res = await admin.post("/api/hosts", { data: { kind: "test", name: "a<b>\nc" } });
  expect(res.status()).toBe(422);
  expect(((await res.json()) as { fields: Record<string, string> }).fields.name).toBe("No line breaks, tabs or other control characters");
});
