// The image library in the browser: a small VMDK uploaded, converted, listed with its checksum and OS, picked in the
// new-guest wizard's "Import existing disk image" step, then deleted from the library.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { e2eMirrorAddress, e2eOsinfoLocalDir } from "../../playwright.config";
import { adminPassword, signIn } from "./fixtures";

const suffix = Date.now().toString(36);
const work = mkdtempSync(path.join(tmpdir(), "vc-e2e-images-"));
const fileName = `Fedora-Cloud-Base-37-e2e${suffix}.vmdk`;
const volume = `Fedora-Cloud-Base-37-e2e${suffix}.qcow2`;
const mirrored = `debian-11-mirror-e2e${suffix}.qcow2`;

test.afterAll(() => {
  try {
    execFileSync("virsh", ["-c", "qemu:///system", "vol-delete", "--pool", "default", volume], { stdio: "ignore" });
  } catch {
    // deleted by the test
  }
  try {
    execFileSync("virsh", ["-c", "qemu:///system", "vol-delete", "--pool", "default", mirrored], { stdio: "ignore" });
  } catch {
    // deleted by the test
  }
  rmSync(path.join(e2eOsinfoLocalDir, "os", "e2e.example"), { recursive: true, force: true });
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

test("Download an OS: an image the local osinfo directory lists (a site mirror) is downloaded into the library", async ({ page }) => {
  test.setTimeout(120_000);
  // The mirror: a small qcow2 served on the loopback address the e2e server may download from (FETCH_ALLOWED_NETWORKS).
  const image = path.join(work, mirrored);
  execFileSync("qemu-img", ["create", "-q", "-f", "qcow2", image, "16M"]);
  const server = createServer((req, res) => (req.url === `/${mirrored}` ? res.end(readFileSync(image)) : res.writeHead(404).end()));
  await new Promise<void>((r) => server.listen(0, e2eMirrorAddress, r));
  const url = `http://${e2eMirrorAddress}:${(server.address() as AddressInfo).port}/${mirrored}`;
  // What an administrator would put in /etc/osinfo: Debian 11's cloud image on the site's own mirror.
  const vendor = path.join(e2eOsinfoLocalDir, "os", "e2e.example");
  mkdirSync(vendor, { recursive: true });
  writeFileSync(
    path.join(vendor, "debian-11-mirror.xml"),
    `<libosinfo version="0.0.1"><os id="http://debian.org/debian/11"><name>Debian 11 (site mirror ${suffix})</name>
      <image arch="x86_64" format="qcow2" cloud-init="true"><url>${url}</url></image></os></libosinfo>`,
  );
  try {
    await signIn(page, "admin", adminPassword);
    await page.goto("/storage/images");
    const local = page.getByRole("region", { name: "Image library of localhost" });
    await local.getByRole("button", { name: "Import image" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("radio", { name: "Download an OS" }).check();
    await dialog.getByLabel("Find an operating system").fill(`site mirror ${suffix}`);
    await dialog.getByLabel("Image to download").selectOption(url);
    await expect(dialog.getByLabel("Volume name")).toHaveValue(mirrored);
    await dialog.getByLabel("Pool").selectOption("default");
    await dialog.getByRole("button", { name: "Import", exact: true }).click();
    await expect(dialog.getByTestId("import-progress")).toHaveAttribute("data-status", "done", { timeout: 60_000 });
    await dialog.getByRole("button", { name: "Close" }).click();
    const row = local.locator(`[data-testid=image-row][data-volume="${mirrored}"]`);
    await expect(row).toContainText("Debian 11");
    await expect(row.getByTestId("image-sha256")).toHaveText(createHash("sha256").update(readFileSync(image)).digest("hex"));
  } finally {
    server.close();
  }
});
