// Highly available guests (issue 30) in the browser: an admin sets this machine's power management on its host page
// (the password is write-only: never shown again, kept when left empty) and tests it against a controller that does
// not answer; an operator's mark on a guest in a cluster is kept. The fencing itself runs against real daemons and a
// simulated controller in tests/integration/host-clusters/high-availability.test.ts.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { Libvirt } from "../../lib/libvirt";
import { startPersistentTestGuest, type RunningTestGuest } from "../helpers/test-guest";
import { adminPassword, apiAs, localHostId, signIn } from "./fixtures";

const clusterName = `ha-e2e-${process.pid}`;
const BMC_PASSWORD = "never-shown-again";
let admin: APIRequestContext;
let hostId: string;
let clusterId: string;
let lv: Libvirt;
let guest: RunningTestGuest;
let uuid: string;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  admin = await apiAs("admin", adminPassword);
  hostId = await localHostId(admin);
  const made = await admin.post("/api/clusters", { data: { name: clusterName } });
  expect(made.status(), await made.text()).toBe(200);
  clusterId = ((await made.json()) as { id: string }).id;
  const members = await admin.put(`/api/clusters/${clusterId}/members`, { data: { hostIds: [hostId] } });
  expect(members.status(), await members.text()).toBe(200);
  lv = await Libvirt.open("qemu:///system");
  guest = await startPersistentTestGuest(lv, { namePrefix: "ha-e2e", memoryMiB: 128, waitForBoot: false });
  uuid = (await lv.domains.list()).find((d) => d.name === guest.name)!.uuid;
});

test.afterAll(async () => {
  await admin?.put(`/api/hosts/${hostId}/power-management`, { data: { clear: true } });
  await admin?.delete(`/api/clusters/${clusterId}`);
  await guest?.cleanup();
  await lv?.close();
  await admin?.dispose();
});

test("an admin sets a host's power management and tests it; the password never comes back", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "admin", adminPassword);
  await page.goto(`/hosts/${hostId}`);
  const section = page.getByRole("region", { name: "Power management" });
  // Nothing listens on the discard port: the test says the controller does not answer.
  await section.getByLabel("Controller address").fill("127.0.0.1");
  await section.getByLabel("Port").fill("9");
  await section.getByLabel("User").fill("fence");
  await section.getByLabel("Password").fill(BMC_PASSWORD);
  await section.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved")).toBeVisible();

  await page.reload();
  await expect(section.getByLabel("Controller address")).toHaveValue("127.0.0.1");
  await expect(section.getByLabel("Password")).toHaveValue("");
  await expect(section.getByText("A password is stored; leave empty to keep it.")).toBeVisible();
  expect(await page.content()).not.toContain(BMC_PASSWORD);
  const stored = await (await admin.get(`/api/hosts/${hostId}/power-management`)).json();
  expect(stored).toEqual({ address: "127.0.0.1", port: 9, user: "fence", passwordSet: true });

  await section.getByRole("button", { name: "Test" }).click();
  await expect(section.getByTestId("power-test-result")).toHaveText(/^No answer: /, { timeout: 60_000 });
});

test("a guest in a cluster is marked highly available on its overview", async ({ page }) => {
  await signIn(page, "admin", adminPassword);
  await page.goto(`/guests/${hostId}/${uuid}`);
  const mark = page.getByRole("checkbox", { name: /Highly available/ });
  await expect(mark).not.toBeChecked();
  // The box follows the server's answer, not the click.
  await mark.click();
  await expect(page.getByText("Marked highly available")).toBeVisible();
  await expect(mark).toBeChecked();
  await page.reload();
  await expect(page.getByRole("checkbox", { name: /Highly available/ })).toBeChecked();
  expect(await (await admin.get(`/api/hosts/${hostId}/guests/${uuid}/high-availability`)).json()).toMatchObject({ highlyAvailable: true });
});
