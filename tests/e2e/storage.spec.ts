import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { adminPassword, apiAs, createUser, signIn } from "./fixtures";

const suffix = Date.now().toString(36);
const poolName = `e2e-pool-${suffix}`;
const poolDir = `/var/lib/libvirt/images/${poolName}`;
const work = mkdtempSync(path.join(tmpdir(), "vc-e2e-storage-"));

test.afterAll(() => {
  for (const verb of ["pool-destroy", "pool-delete", "pool-undefine"]) {
    try {
      execFileSync("virsh", ["-c", "qemu:///system", verb, poolName], { stdio: "ignore" });
    } catch {
      // already gone
    }
  }
  rmSync(poolDir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

test("an operator adds a dir pool, makes a volume, uploads an ISO (checksum verified on the host) and cleans up", async ({ page }) => {
  test.setTimeout(120_000);
  const admin = await apiAs("admin", adminPassword);
  const operator = await createUser(admin, "storage-op", { role: "operator" });
  await admin.dispose();
  await signIn(page, operator.username, operator.password);
  await page.goto("/storage");
  const local = page.getByRole("region", { name: "Storage of localhost" });
  await local.getByRole("button", { name: "Add pool" }).click();

  // The wizard shows only what the chosen type needs, and the shared schema speaks first.
  const wizard = page.getByRole("dialog");
  await wizard.getByLabel("Name").fill("bad/name");
  await wizard.getByLabel("Type").selectOption("netfs");
  await expect(wizard.getByLabel("Host Name")).toBeVisible();
  await wizard.getByLabel("Type").selectOption("dir");
  await expect(wizard.getByLabel("Host Name")).toHaveCount(0);
  await wizard.getByRole("button", { name: "Finish" }).click();
  await expect(wizard.getByText("Letters, digits, '.', '_', '+' and '-' only")).toBeVisible();
  await wizard.getByLabel("Name").fill(poolName);
  await wizard.getByLabel("Target Path").fill(poolDir);
  await wizard.getByRole("button", { name: "Finish" }).click();
  await expect(wizard).toBeHidden();
  const row = local.locator(`[data-testid=pool-row][data-pool="${poolName}"]`);
  await expect(row.getByTestId("pool-state")).toHaveAttribute("data-state", "running");
  await expect(row.getByRole("meter")).toBeVisible();

  await row.getByRole("link", { name: poolName }).click();
  await page.getByRole("button", { name: "New volume…" }).click();
  const create = page.getByRole("dialog");
  await create.getByLabel("Name").fill("disk1.qcow2");
  await create.getByLabel("Max Capacity (GiB)").fill("1");
  await create.getByRole("button", { name: "Finish" }).click();
  await expect(create.getByTestId("job-progress")).toHaveAttribute("data-status", "done");
  await create.getByRole("button", { name: "Close" }).click();
  await expect(page.locator('[data-testid=volume-row][data-volume="disk1.qcow2"]')).toContainText("qcow2");

  // An ISO of several megabytes, made here, uploaded through the browser.
  mkdirSync(path.join(work, "tree"), { recursive: true });
  writeFileSync(path.join(work, "tree", "payload.bin"), randomBytes(6 * 1024 * 1024));
  const iso = path.join(work, "e2e.iso");
  execFileSync("xorriso", ["-as", "mkisofs", "-quiet", "-V", "E2E_UPLOAD", "-o", iso, path.join(work, "tree")]);
  const sha256 = createHash("sha256").update(readFileSync(iso)).digest("hex");
  await page.getByRole("button", { name: "Upload…" }).click();
  const upload = page.getByRole("dialog");
  await upload.getByLabel("File", { exact: true }).setInputFiles(iso);
  await expect(upload.getByLabel("New volume name")).toHaveValue("e2e.iso");
  await upload.getByLabel("Expected SHA-256 (optional)").fill(sha256);
  await upload.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(upload.getByTestId("upload-sha256")).toHaveText(sha256, { timeout: 60_000 });
  const onHost = execFileSync("sha256sum", [path.join(poolDir, "e2e.iso")], { encoding: "utf8" }).split(" ")[0];
  expect(onHost).toBe(sha256);
  await upload.getByRole("button", { name: "Close" }).click();

  // A wrong checksum fails and keeps nothing.
  await page.getByRole("button", { name: "Upload…" }).click();
  await upload.getByLabel("File", { exact: true }).setInputFiles(iso);
  await upload.getByLabel("New volume name").fill("wrong.iso");
  await upload.getByLabel("Expected SHA-256 (optional)").fill("0".repeat(64));
  await upload.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(upload.getByRole("alert")).toContainText(`not the expected ${"0".repeat(64)}`);
  await upload.getByRole("button", { name: "Cancel" }).click();
  await expect(page.locator('[data-testid=volume-row][data-volume="wrong.iso"]')).toHaveCount(0);

  // Download gives the same bytes back.
  const download = page.waitForEvent("download");
  await page.locator('[data-testid=volume-row][data-volume="e2e.iso"]').getByRole("link", { name: "Download" }).click();
  expect(
    createHash("sha256")
      .update(readFileSync(await (await download).path()))
      .digest("hex"),
  ).toBe(sha256);

  for (const volume of ["e2e.iso", "disk1.qcow2"]) {
    await page.locator(`[data-testid=volume-row][data-volume="${volume}"]`).getByRole("button", { name: "Delete…" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete volume" }).click();
    await expect(page.locator(`[data-testid=volume-row][data-volume="${volume}"]`)).toHaveCount(0);
  }
  await page.getByRole("button", { name: "More actions" }).click();
  await page.getByRole("menuitem", { name: "Delete…" }).click();
  await page
    .getByRole("dialog")
    .getByLabel(/Also delete the pool's data/)
    .check();
  await page.getByRole("dialog").getByRole("button", { name: "Delete pool" }).click();
  await expect(page).toHaveURL(/\/storage$/);
  await expect(page.locator(`[data-testid=pool-row][data-pool="${poolName}"]`)).toHaveCount(0);
  expect(() => execFileSync("test", ["-e", poolDir])).toThrow();
});

test("viewers see pools and volumes but no way to change them", async ({ page }) => {
  const admin = await apiAs("admin", adminPassword);
  const viewer = await createUser(admin, "storage-viewer", { role: "viewer" });
  await admin.dispose();
  await signIn(page, viewer.username, viewer.password);
  await page.goto("/storage");
  const local = page.getByRole("region", { name: "Storage of localhost" });
  await expect(local.locator('[data-testid=pool-row][data-pool="default"]')).toBeVisible();
  await expect(page.getByRole("button", { name: "Add pool" })).toHaveCount(0);
  await local.getByRole("link", { name: "default" }).click();
  await expect(page.getByRole("heading", { name: "Volumes", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: /New volume|Upload|Delete/ })).toHaveCount(0);
});
