import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { Libvirt, uuidToString } from "../../lib/libvirt";
import { VirDomainSnapshotDeleteFlags } from "../../lib/libvirt/generated/flags";
import { runInGuest } from "../helpers/guest-shell";
import { startPersistentTestGuest, type RunningTestGuest } from "../helpers/test-guest";
import { adminPassword, apiAs, createUser, localHostId, signIn } from "./fixtures";

// The Snapshots tab against a real running guest with a qcow2 disk: take, revert (a marker written in
// the guest afterwards is gone), describe and delete through the browser; viewers see no buttons,
// helpdesk sees no tab.
// Made in beforeAll: Playwright also loads this file in its runner process, which runs no hooks.
let dir: string;
let lv: Libvirt;
let guest: RunningTestGuest;
let uuid: string;
let hostId: string;

const row = (page: Page, name: string) => page.locator(`[data-testid=snapshot-row][data-snapshot="${name}"]`);

/** Starts the dialog's job, waits for it to end well and closes the dialog. */
async function runJob(page: Page, dialogName: RegExp, button: string): Promise<void> {
  const dialog = page.getByRole("dialog", { name: dialogName });
  await dialog.getByRole("button", { name: button, exact: true }).click();
  await expect(dialog.getByTestId("job-progress")).toHaveAttribute("data-status", "done", { timeout: 60_000 });
  await dialog.getByRole("button", { name: "Close" }).click();
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dir = mkdtempSync(path.join(tmpdir(), "vc-e2e-snap-"));
  // QEMU (user libvirt-qemu) must reach the disk inside.
  chmodSync(dir, 0o755);
  const disk = path.join(dir, "disk.qcow2");
  lv = await Libvirt.open("qemu:///system");
  execFileSync("qemu-img", ["create", "-q", "-f", "qcow2", disk, "16M"]);
  guest = await startPersistentTestGuest(lv, {
    namePrefix: "e2e-snap",
    memoryMiB: 128,
    extraDevices: `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${disk}'/><target dev='vda' bus='virtio'/></disk>`,
  });
  uuid = uuidToString(guest.dom.uuid);
  const admin = await apiAs("admin", adminPassword);
  hostId = await localHostId(admin);
  await admin.dispose();
});

test.afterAll(async () => {
  if (guest) {
    for (const snap of await lv.domains.listSnapshots(guest.dom).catch(() => []))
      await lv.domains.deleteSnapshot(snap, VirDomainSnapshotDeleteFlags.VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY).catch(() => undefined);
    await guest.cleanup();
  }
  await lv?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("snapshots: take, revert (the guest's later change is gone), describe and delete; viewers only look, helpdesk sees no tab", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  await signIn(page, "admin", adminPassword);
  await page.goto(`/guests/${hostId}/${uuid}`);
  await page.getByRole("tab", { name: "Snapshots" }).click();
  await expect(page).toHaveURL(/\?tab=snapshots/);
  await expect(page.getByText("No snapshots yet.")).toBeVisible();

  // Take: the kinds are explained, internal is chosen, and the job's bar ends in "done".
  await page.getByRole("button", { name: "Take snapshot" }).click();
  const create = page.getByRole("dialog", { name: "Take a snapshot" });
  await expect(create.getByText(/Stored inside the guest's qcow2 disk files/)).toBeVisible();
  await create.getByLabel("Name").fill("e2e before");
  await create.getByLabel("Description").fill("clean state");
  await expect(create.getByRole("radio", { name: /Internal/ })).toBeChecked();
  await runJob(page, /Take a snapshot/, "Take snapshot");
  await expect(row(page, "e2e before")).toHaveAttribute("data-current", "true");
  await expect(row(page, "e2e before").getByText("clean state")).toBeVisible();
  await expect(row(page, "e2e before").getByRole("img", { name: "Screen of e2e before" })).toBeVisible();

  // Revert: the confirmation warns, and the marker written after the snapshot is gone afterwards.
  expect(await runInGuest(lv, guest.dom, "echo written > /tmp/e2e-marker; cat /tmp/e2e-marker")).toContain("written");
  await page.getByRole("button", { name: "Revert to e2e before" }).click();
  await expect(page.getByRole("dialog", { name: /Revert to/ }).getByRole("note")).toContainText(
    "loses its running state and every disk change",
  );
  await runJob(page, /Revert to/, "Revert");
  expect((await runInGuest(lv, guest.dom, "test -e /tmp/e2e-marker && echo present || echo absent")).trim()).toBe("absent");

  // Describe.
  await page.getByRole("button", { name: "Edit description of e2e before" }).click();
  const edit = page.getByRole("dialog", { name: /Description of/ });
  await edit.getByLabel("Description").fill("before the e2e marker");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(row(page, "e2e before").getByText("before the e2e marker")).toBeVisible();

  // A viewer sees the list without buttons; helpdesk gets no Snapshots tab at all.
  const admin = await apiAs("admin", adminPassword);
  const viewer = await createUser(admin, "snap-viewer", { role: "viewer", scope: "host", hostId });
  const helpdesk = await createUser(admin, "snap-helpdesk", { role: "helpdesk", scope: "guest", hostId, guestUuid: uuid });
  await admin.dispose();
  const other = await browser.newPage();
  await signIn(other, viewer.username, viewer.password);
  await other.goto(`/guests/${hostId}/${uuid}?tab=snapshots`);
  await expect(row(other, "e2e before")).toBeVisible();
  await expect(other.getByRole("button", { name: "Take snapshot" })).toHaveCount(0);
  await expect(other.getByRole("button", { name: /Revert to|Delete e2e|Edit description/ })).toHaveCount(0);
  await other.context().clearCookies();
  await signIn(other, helpdesk.username, helpdesk.password);
  await other.goto(`/guests/${hostId}/${uuid}?tab=snapshots`);
  await expect(other.getByRole("tab", { name: "Overview" })).toBeVisible();
  await expect(other.getByRole("tab", { name: "Snapshots" })).toHaveCount(0);
  await other.close();

  // Delete.
  await page.getByRole("button", { name: "Delete e2e before" }).click();
  await runJob(page, /Delete snapshot/, "Delete snapshot");
  await expect(page.getByText("No snapshots yet.")).toBeVisible();
  expect(await lv.domains.listSnapshots(guest.dom)).toEqual([]);
});
