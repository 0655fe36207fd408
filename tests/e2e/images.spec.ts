// The image library in the browser: a small VMDK uploaded, converted, listed with its checksum and OS, picked in the
// new-guest wizard's "Import existing disk image" step, then deleted from the library.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { adminPassword, signIn } from "./fixtures";

const suffix = Date.now().toString(36);
const work = mkdtempSync(path.join(tmpdir(), "vc-e2e-images-"));
const fileName = `Fedora-Cloud-Base-37-e2e${suffix}.vmdk`;
const volume = `Fedora-Cloud-Base-37-e2e${suffix}.qcow2`;

test.afterAll(() => {
  try {
    execFileSync("virsh", ["-c", "qemu:///system", "vol-delete", "--pool", "default", volume], { stdio: "ignore" });
  } catch {
    // deleted by the test
  }
  rmSync(work, { recursive: true, force: true });
});

test("an admin uploads a VMDK into the library, sees it converted with its checksum, and picks it in the wizard", async ({ page }) => {
  test.setTimeout(120_000);
  const file = path.join(work, fileName);
  execFileSync("qemu-img", ["create", "-q", "-f", "vmdk", file, "32M"]);
  const sha256 = createHash("sha256").update(readFileSync(file)).digest("hex");
  await signIn(page, "admin", adminPassword);
  await page.goto("/storage");
  await page.getByRole("link", { name: "Image library" }).click();
  const local = page.getByRole("region", { name: "Image library of localhost" });
  await local.getByRole("button", { name: "Import image" }).click();

  const dialog = page.getByRole("dialog");
  await dialog.getByLabel(/^File/).setInputFiles(file);
  await expect(dialog.getByLabel("Volume name")).toHaveValue(volume);
  await dialog.getByLabel("Pool").selectOption("default");
  await dialog.getByLabel("Expected SHA-256 (optional)").fill(sha256);
  await dialog.getByRole("button", { name: "Import", exact: true }).click();
  await expect(dialog.getByTestId("import-progress")).toHaveAttribute("data-status", "done", { timeout: 60_000 });
  await expect(dialog.getByTestId("import-sha256")).toHaveText(sha256);
  await dialog.getByRole("button", { name: "Close" }).click();

  const row = local.locator(`[data-testid=image-row][data-volume="${volume}"]`);
  await expect(row.getByTestId("image-sha256")).toHaveText(sha256);
  await expect(row).toContainText("VMDK → qcow2");
  await expect(row).toContainText("Fedora Linux 37");

  await page.goto("/guests");
  await page.getByRole("link", { name: "New guest" }).click();
  await expect(page.getByRole("heading", { name: "Create a new virtual machine" })).toBeVisible();
  await page.getByLabel("Host").selectOption({ label: "localhost" });
  await page.getByRole("radio", { name: "Import existing disk image" }).check();
  await page.getByLabel("From the image library").selectOption(`default/${volume}`);
  await expect(page.getByRole("combobox", { name: /^Disk image/ })).toHaveValue(volume);

  await page.goto("/storage/images");
  await row.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await expect(row).toHaveCount(0);
});
