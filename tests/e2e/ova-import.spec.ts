// "Import a virtual appliance (OVA)" in the browser: a generated OVA goes up with the wizard's progress bar,
// fills the steps, Finish converts its disk and opens Customize before install with the unmapped list, and
// Begin installation creates the guest on the converted disk.
import { expect, test } from "@playwright/test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Libvirt } from "../../lib/libvirt";
import { writeOva } from "../helpers/ova";
import { kvmAvailable, removeGuests, resolveVirtType } from "../helpers/test-guest";
import { e2eMirrorAddress } from "../../playwright.config";
import { adminPassword, signIn } from "./fixtures";

const guestName = `e2e-ova-${Date.now().toString(36)}`;
const work = mkdtempSync(path.join(tmpdir(), "vc-ova-e2e-"));
let lv: Libvirt;

test.beforeAll(async () => {
  lv = await Libvirt.open("qemu:///system");
});

test.afterAll(async () => {
  await removeGuests(lv, [guestName]);
  const pool = await lv.storage.lookupPool("default");
  for (const vol of await lv.storage.listVolumes(pool)) if (vol.name.startsWith(`${guestName}-disk`)) await lv.storage.deleteVolume(vol);
  await lv.close();
  rmSync(work, { recursive: true, force: true });
});

test("an OVA is uploaded in the wizard, opens in Customize before install with what it lost, and Begin installation creates the guest", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const ova = writeOva(path.join(work, "appliance.ova"), { name: guestName, vcpus: 1, memoryMiB: 160, nics: ["VmxNet3"] });
  await signIn(page, "admin", adminPassword);
  await page.goto("/guests");
  await page.getByRole("link", { name: "New guest" }).click();
  await expect(page.getByRole("heading", { name: "Create a new virtual machine" })).toBeVisible();
  await page.getByLabel("Host").selectOption({ label: "localhost" });
  await page.getByLabel("Import a virtual appliance (OVA)").check();
  if (kvmAvailable() && (await resolveVirtType(lv)) === "qemu") {
    await page.getByText("Architecture options").click();
    await page.getByLabel("Virt Type").selectOption("qemu");
  }
  await page.getByLabel("Appliance file (.ova)").setInputFiles(ova);
  await page.getByLabel("Pool for its disks").selectOption("default");
  await page.getByRole("button", { name: "Upload and read" }).click();
  const summary = page.getByTestId("ova-summary");
  await expect(summary).toContainText(`${guestName}: 1 CPU, 160 MiB of memory, 1 network card`, { timeout: 60_000 });
  await expect(summary).toContainText("Disk disk1.vmdk: 32 MiB (vmdk)");
  await expect(summary.getByTestId("ova-unmapped")).toContainText("Sound card: Sound card");

  await page.getByRole("button", { name: "Forward" }).click();
  await expect(page.getByTestId("chosen-os")).toHaveText(/Linux 2022/);
  await page.getByRole("button", { name: "Forward" }).click();
  await expect(page.getByLabel(/^Memory \(MiB\)/)).toHaveValue("160");
  await page.getByRole("button", { name: "Forward" }).click();
  await expect(page.getByText("The appliance's disks are the guest's disks (1 disk).")).toBeVisible();
  await page.getByRole("button", { name: "Forward" }).click();
  await page.getByRole("button", { name: "Forward" }).click();
  await expect(page.getByLabel("Name")).toHaveValue(guestName);
  await expect(page.getByLabel("Customize configuration before install")).toBeChecked();
  await page.getByRole("button", { name: "Finish" }).click();

  const view = page.getByTestId("customize-view");
  await expect(view.getByRole("heading", { name: `Customize ${guestName} before install` })).toBeVisible({ timeout: 60_000 });
  const unmapped = view.getByTestId("ova-unmapped");
  await expect(unmapped.getByRole("heading", { name: "Not carried over from the appliance" })).toBeVisible();
  await expect(unmapped).toContainText("USB controller: USB controller");
  await expect(unmapped).toContainText("Serial port: Serial port 1");
  expect((await lv.domains.list()).map((d) => d.name)).not.toContain(guestName);

  await view.getByRole("button", { name: "Begin installation" }).click();
  await expect(page).toHaveURL(/\/console$/, { timeout: 60_000 });
  const dom = await lv.domains.lookupByName(guestName);
  expect(await lv.domains.xml(dom)).toContain(`${guestName}-disk1.qcow2`);
});

test("an OVA given by URL is downloaded by the console and read like an upload", async ({ page }) => {
  test.setTimeout(120_000);
  const name = `${guestName}-url`;
  const bytes = readFileSync(writeOva(path.join(work, "remote.ova"), { name, vcpus: 2, memoryMiB: 192 }));
  const server = createServer((req, res) =>
    req.url === "/remote.ova" ? res.writeHead(200, { "Content-Length": String(bytes.length) }).end(bytes) : res.writeHead(404).end(),
  );
  await new Promise<void>((r) => server.listen(0, e2eMirrorAddress, r));
  try {
    await signIn(page, "admin", adminPassword);
    await page.goto("/guests/new");
    await page.getByLabel("Host").selectOption({ label: "localhost" });
    await page.getByLabel("Import a virtual appliance (OVA)").check();
    await page.getByLabel("Or its URL").fill(`http://${e2eMirrorAddress}:${(server.address() as AddressInfo).port}/remote.ova`);
    await page.getByRole("button", { name: "Download and check" }).click();
    await expect(page.getByTestId("ova-summary")).toContainText(`${name}: 2 CPUs, 192 MiB of memory`, { timeout: 60_000 });
  } finally {
    server.close();
  }
});
