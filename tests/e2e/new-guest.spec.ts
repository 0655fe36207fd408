import { expect, test } from "@playwright/test";
import { Libvirt } from "../../lib/libvirt";
import { buildInstallerIso } from "../helpers/installer-iso";
import { DEBIAN_11_LABEL, uploadToDefaultPool } from "../helpers/iso-volume";
import { resolveVirtType } from "../helpers/test-guest";
import { adminPassword, signIn } from "./fixtures";

const suffix = Date.now().toString(36);
const isoName = `e2e-debian-${suffix}.iso`;
const guestName = `e2e-wizard-${suffix}`;
let lv: Libvirt;

test.beforeAll(async () => {
  // A bootable installer ISO (isolinux + the test guest's kernel) whose volume label osinfo knows (Debian 11's).
  lv = await Libvirt.open("qemu:///system");
  await uploadToDefaultPool(lv, isoName, buildInstallerIso(DEBIAN_11_LABEL));
});

test.afterAll(async () => {
  const dom = await lv.domains.lookupByName(guestName).catch(() => null);
  if (dom) {
    await lv.domains.destroy(dom).catch(() => undefined);
    await lv.domains.undefine(dom, 4).catch(() => undefined);
  }
  const pool = await lv.storage.lookupPool("default");
  for (const vol of await lv.storage.listVolumes(pool)) if (vol.name === isoName || vol.name === `${guestName}.qcow2`) await lv.storage.deleteVolume(vol);
  await lv.close();
});

test("the wizard detects the OS from the ISO, keeps answers going back and forth, and Finish opens the new guest's console", async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, "admin", adminPassword);
  await page.goto("/guests");
  await page.getByRole("link", { name: "New guest" }).click();
  await expect(page.getByRole("heading", { name: "Create a new virtual machine" })).toBeVisible();
  await page.getByLabel("Host").selectOption({ label: "localhost" });
  await expect(page.getByTestId("virt-type")).toContainText(/KVM|emulated/);
  await page.getByLabel(/^Pool/).selectOption("default");
  await page.getByRole("combobox", { name: /^ISO image/ }).selectOption(isoName);
  await expect(page.getByRole("status")).toHaveText(/^Detected: Debian 11/);
  // Where nested KVM cannot boot guests, the Architecture options choose emulation.
  if ((await resolveVirtType(lv)) === "qemu") {
    await page.getByText("Architecture options").click();
    await page.getByLabel("Virt Type").selectOption("qemu");
  }
  await page.getByRole("button", { name: "Forward" }).click();

  await expect(page.getByTestId("chosen-os")).toHaveText(/Debian 11/);
  await page.getByRole("button", { name: "Forward" }).click();

  // osinfo's advice is prefilled; a value that the schema refuses keeps the wizard on this step.
  await expect(page.getByText(/; \d+ MiB recommended/)).toBeVisible();
  await page.getByLabel(/^Memory \(MiB\)/).fill("32");
  await page.getByRole("button", { name: "Forward" }).click();
  await expect(page.getByText("At least 64 MiB")).toBeVisible();
  await page.getByLabel(/^Memory \(MiB\)/).fill("256");
  await page.getByLabel("CPUs").fill("1");
  await page.getByRole("button", { name: "Forward" }).click();

  await page.getByLabel("Size (GiB)").fill("1");
  await page.getByRole("button", { name: "Forward" }).click();
  await page.getByLabel("Network source").selectOption("none");
  await page.getByRole("button", { name: "Forward" }).click();

  await page.getByLabel("Name").fill("bad name");
  await expect(page.getByText("Letters, digits, '.', '_' and '-' only")).toBeVisible();
  await page.getByLabel("Name").fill(guestName);
  await expect(page.getByTestId("plan-summary")).toContainText("256 MiB");
  await page.getByText("The XML that will be defined").click();
  await expect(page.getByTestId("plan-summary").locator("pre")).toContainText(`<name>${guestName}</name>`);

  // Back to memory and forward again: nothing typed is lost.
  for (let i = 0; i < 3; i++) await page.getByRole("button", { name: "Back" }).click();
  await expect(page.getByLabel(/^Memory \(MiB\)/)).toHaveValue("256");
  for (let i = 0; i < 3; i++) await page.getByRole("button", { name: "Forward" }).click();
  await expect(page.getByLabel("Name")).toHaveValue(guestName);

  await page.getByRole("button", { name: "Finish" }).click();
  await expect(page).toHaveURL(/\/console$/, { timeout: 60_000 });
  await expect(page.getByTestId("console-status")).toHaveAttribute("data-state", "connected", { timeout: 30_000 });
  const dom = await lv.domains.lookupByName(guestName);
  expect(await lv.domains.isActive(dom)).toBe(true);
  const xml = await lv.domains.xml(dom);
  expect(xml).toContain(isoName);
  expect(xml).toContain(`${guestName}.qcow2`);

  // The installer on the ISO boots to its shell: typed into the serial console, it answers.
  await page.getByRole("tab", { name: "Serial port 1" }).click();
  await expect(page.getByTestId("console-status")).toHaveAttribute("data-state", "connected");
  const marker = `WZ-${suffix}`;
  await expect(async () => {
    await page.getByTestId("serial-terminal").click();
    await page.keyboard.type(`\recho ${marker.slice(0, 3)}""${marker.slice(3)}\r`);
    // The echoed command has the quotes; only the shell's answer has the marker whole.
    await expect.poll(() => page.getByTestId("serial-terminal").locator(".xterm-rows").innerText(), { timeout: 5_000 }).toContain(marker);
  }).toPass({ timeout: 120_000 });
});
