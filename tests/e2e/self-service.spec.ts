// The self-service portal in the browser, against the real libvirtd: an admin sets a power user's quota under
// Admin → Quotas; the power user sees it and the host's templates under Self-service, makes a guest from a template
// (the bars move), is refused one past the quota with the limit in words, and sees only their own guest in the list.
// A "user" assigned one guest sees only it, takes a snapshot on its Snapshots tab, and may revert only their own.
import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { Libvirt } from "../../lib/libvirt";
import { ensureTestGuestImage, removeGuests, resolveVirtType, testGuestXml, uniqueGuestName } from "../helpers/test-guest";
import { adminPassword, apiAs, createUser, localHostId, signIn } from "./fixtures";

const template = uniqueGuestName("portal-tpl");
const mine = `${template}-mine`;
const assigned = `${template}-assigned`;
const images = "/var/lib/libvirt/images";
let lv: Libvirt;
let templateUuid: string;
let assignedUuid: string;

test.describe.configure({ mode: "serial" });

const qcow2 = (name: string) =>
  `<volume><name>${name}.qcow2</name><capacity unit='MiB'>16</capacity><target><format type='qcow2'/></target></volume>`;
const diskOf = (name: string) =>
  `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${images}/${name}.qcow2'/><target dev='vda' bus='virtio'/></disk>`;

test.beforeAll(async () => {
  lv = await Libvirt.open("qemu:///system");
  const pool = await lv.storage.lookupPool("default");
  const type = await resolveVirtType(lv);
  for (const name of [template, assigned]) {
    await lv.storage.createVolume(pool, qcow2(name));
    await lv.domains.define(testGuestXml(name, ensureTestGuestImage(), 128, type, undefined, { extraDevices: diskOf(name) }));
  }
  const uuids = await lv.domains.list();
  templateUuid = uuids.find((d) => d.name === template)!.uuid;
  assignedUuid = uuids.find((d) => d.name === assigned)!.uuid;
});

test.afterAll(async () => {
  await removeGuests(lv, [mine, template, assigned]);
  for (const vol of [mine, template, assigned].map((n) => `${n}.qcow2`)) {
    try {
      execFileSync("virsh", ["-c", "qemu:///system", "vol-delete", "--pool", "default", vol], { stdio: "ignore" });
    } catch {
      // already gone
    }
  }
  await lv.close();
});

test("a power user makes a guest from a template within the quota an admin set, and is refused one past it", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const admin = await apiAs("admin", adminPassword);
  const hostId = await localHostId(admin);
  expect((await admin.put(`/api/hosts/${hostId}/guests/${templateUuid}/template`, { data: { template: true } })).status()).toBe(200);
  const power = await createUser(admin, "power", { role: "power-user", scope: "host", hostId });
  await admin.dispose();

  // Admin → Quotas: 1 vCPU and 200 MiB for the power user.
  await signIn(page, "admin", adminPassword);
  await page.goto("/admin/users");
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Quotas" }).click();
  await expect(page.getByRole("heading", { name: "Quotas", level: 1 })).toBeVisible();
  const form = page.getByRole("form", { name: "Set a quota" });
  await form.getByLabel("User name").fill(power.username);
  await form.getByLabel("Virtual CPUs").fill("1");
  await form.getByLabel("Memory (MiB)").fill("200");
  await form.getByRole("button", { name: "Save quota" }).click();
  const row = page.getByTestId("quota-row").filter({ hasText: power.username });
  await expect(row.getByTestId("quota-vcpus")).toHaveText("0 of 1");
  await expect(row.getByTestId("quota-diskGiB")).toHaveText("0, no limit");

  const context = await browser.newContext();
  const powerPage = await context.newPage();
  await signIn(powerPage, power.username, power.password);
  await powerPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Self-service" }).click();
  const quota = powerPage.getByTestId("my-quota");
  await expect(quota.getByTestId("quota-memoryMiB")).toHaveText("0 of 200");
  const templates = powerPage.getByRole("table", { name: "Templates" });
  await expect(templates.getByRole("row", { name: new RegExp(template) })).toContainText("1 vCPU, 128 MiB");
  await templates.getByRole("button", { name: `New guest from ${template}` }).click();
  const dialog = powerPage.getByRole("dialog");
  await dialog.getByLabel("Name of the new guest").fill(mine);
  await dialog.getByLabel("Start it when it is created").uncheck();
  await dialog.getByRole("button", { name: "Create guest" }).click();
  await expect(dialog.getByRole("link", { name: `Open ${mine}` })).toBeVisible({ timeout: 60_000 });
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(quota.getByTestId("quota-vcpus")).toHaveText("1 of 1");
  await expect(quota.getByRole("meter", { name: "Your own quota: Virtual CPUs" })).toHaveAttribute("aria-valuenow", "1");

  // A second guest would pass the vCPU limit: refused in the dialog, nothing made.
  await templates.getByRole("button", { name: `New guest from ${template}` }).click();
  await dialog.getByLabel("Name of the new guest").fill(`${mine}-2`);
  await dialog.getByRole("button", { name: "Create guest" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("Your quota allows 1 vCPUs: 1 are in use, and this guest would add 1.");
  expect((await lv.domains.list()).map((d) => d.name)).not.toContain(`${mine}-2`);
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // Their guest list holds their own guest only.
  await powerPage.getByRole("link", { name: "Your guests are in the guest list" }).click();
  await expect(powerPage.getByRole("row", { name: new RegExp(mine) })).toBeVisible();
  await expect(powerPage.getByRole("row", { name: new RegExp(assigned) })).toHaveCount(0);
  await expect(powerPage.getByRole("row", { name: new RegExp(`${template}\\b(?!-)`) })).toHaveCount(0);
  await context.close();
});

test("a user sees only their assigned guest, takes a snapshot, and may revert only their own", async ({ page }) => {
  test.setTimeout(120_000);
  const admin = await apiAs("admin", adminPassword);
  const hostId = await localHostId(admin);
  const user = await createUser(admin, "portal-user", { role: "user", scope: "guest", hostId, guestUuid: assignedUuid });
  const job = await admin.post(`/api/hosts/${hostId}/guests/${assignedUuid}/snapshots`, {
    data: { name: "by-admin", description: "", kind: "internal" },
  });
  expect(job.status(), await job.text()).toBe(200);
  await expect
    .poll(async () => execFileSync("virsh", ["-c", "qemu:///system", "snapshot-list", "--name", assigned]).toString())
    .toContain("by-admin");
  await admin.dispose();

  await signIn(page, user.username, user.password);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Guests" }).click();
  await expect(page.getByRole("row", { name: new RegExp(assigned) })).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(mine) })).toHaveCount(0);
  await page.goto(`/guests/${hostId}/${assignedUuid}?tab=snapshots`);
  const tab = page.getByRole("region", { name: "Snapshots" });
  await expect(tab.getByTestId("snapshot-row").filter({ hasText: "by-admin" })).toBeVisible();
  // The admin's snapshot offers them nothing to do.
  await expect(tab.getByRole("button", { name: "Revert to by-admin" })).toHaveCount(0);
  await tab.getByRole("button", { name: "Take snapshot" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("by-user");
  await dialog.getByRole("button", { name: "Take snapshot" }).click();
  await expect(dialog.getByText("Done.")).toBeVisible({ timeout: 60_000 });
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(tab.getByTestId("snapshot-row").filter({ hasText: "by-user" })).toBeVisible();
  await expect(tab.getByRole("button", { name: "Revert to by-user" })).toBeVisible();
  await expect(tab.getByRole("button", { name: "Delete by-user" })).toBeVisible();
  await expect(tab.getByRole("button", { name: "Revert to by-admin" })).toHaveCount(0);
});
