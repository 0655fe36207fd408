import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { Libvirt, uuidToString } from "../../lib/libvirt";
import type { PoolRef } from "../../lib/libvirt/api/storage";
import { startPersistentTestGuest, type RunningTestGuest } from "../helpers/test-guest";
import { adminPassword, apiAs, localHostId, signIn } from "./fixtures";

// The Backups tab against a real running guest with a qcow2 disk: "Back up now" into a directory pool,
// the point shows a progress bar while the backup runs and then its size; a second full backup while
// one runs is covered by the integration test; here a refused request shows its reason on the page.
// Made in beforeAll: Playwright also loads this file in its runner process, which runs no hooks.
const poolName = `backups-e2e-${process.pid}`;
let dir: string;
let lv: Libvirt;
let guest: RunningTestGuest;
let uuid: string;
let hostId: string;
let pool: PoolRef;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dir = mkdtempSync(path.join(tmpdir(), "backups-e2e-"));
  // QEMU (user libvirt-qemu) must reach the files inside.
  chmodSync(dir, 0o755);
  lv = await Libvirt.open("qemu:///system");
  pool = await lv.storage.createTransientPool(`<pool type='dir'><name>${poolName}</name><target><path>${dir}</path></target></pool>`);
  const disk = await lv.storage.createVolume(
    pool,
    `<volume><name>disk.qcow2</name><capacity unit='MiB'>64</capacity><target><format type='qcow2'/><compat>1.1</compat></target></volume>`,
  );
  const diskPath = /<path>([^<]+)<\/path>/.exec(await lv.storage.volumeXml(disk))![1]!;
  guest = await startPersistentTestGuest(lv, {
    namePrefix: "backups-e2e",
    memoryMiB: 128,
    extraDevices: `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${diskPath}'/><target dev='vda' bus='virtio'/></disk>`,
  });
  uuid = uuidToString(guest.dom.uuid);
  const admin = await apiAs("admin", adminPassword);
  hostId = await localHostId(admin);
  await admin.dispose();
});

test.afterAll(async () => {
  await guest?.cleanup();
  if (pool) {
    for (const vol of await lv.storage.listVolumes(pool).catch(() => [])) await lv.storage.deleteVolume(vol).catch(() => undefined);
    await lv.storage.stopPool(pool).catch(() => undefined);
  }
  await lv?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("backups: back up now from the guest page; the point shows a bar while it runs, then its size", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, "admin", adminPassword);
  await page.goto(`/guests/${hostId}/${uuid}`);
  await page.getByRole("tab", { name: "Backups" }).click();
  await expect(page).toHaveURL(/\?tab=backups/);
  await expect(page.getByText("No restore points yet.")).toBeVisible();

  // An incremental backup with no point to build on is refused in plain words, and nothing is listed.
  const form = page.getByRole("form", { name: "Back up now" });
  await form.getByLabel("Backup pool").selectOption(poolName);
  await form.getByLabel("Kind").selectOption("incremental");
  await form.getByRole("button", { name: "Back up now" }).click();
  await expect(form.getByRole("alert")).toHaveText("There is no earlier restore point to build on; take a full backup");
  await expect(page.getByTestId("backup-point")).toHaveCount(0);

  await form.getByLabel("Kind").selectOption("full");
  await form.getByRole("button", { name: "Back up now" }).click();
  const point = page.getByTestId("backup-point");
  await expect(point).toHaveCount(1);
  await expect(point.getByRole("progressbar")).toBeVisible();
  await expect(point).toHaveAttribute("data-status", "done", { timeout: 60_000 });
  await expect(point.getByTestId("backup-size")).toHaveText(/\d+(\.\d+)? (KiB|MiB)/);
  await expect(point).toContainText("no guest agent: crash-consistent");
  await expect(point).toHaveAttribute("data-kind", "full");

  // The catalogue per target: the pool's page lists the point with its guest, size and kind.
  await page.goto(`/storage/${hostId}/${poolName}`);
  const catalogue = page.getByRole("table", { name: "Restore points in this pool" });
  const row = catalogue.getByTestId("pool-restore-point").filter({ hasText: guest.name });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Full");
  await expect(row).toContainText(/\d+(\.\d+)? (KiB|MiB)/);
  await row.getByRole("link", { name: guest.name }).click();
  await expect(page).toHaveURL(new RegExp(`/guests/${hostId}/${uuid}\\?tab=backups`));
});

test("backups: a scheduled backup whose pool was removed shows on the dashboard as failed, with a link to the guest", async ({ page }) => {
  test.setTimeout(240_000);
  // A second pool the schedule backs up to, removed before the schedule's first run (every minute).
  const goneName = `${poolName}-gone`;
  const goneDir = path.join(dir, "gone");
  mkdirSync(goneDir);
  const gone = await lv.storage.createTransientPool(
    `<pool type='dir'><name>${goneName}</name><target><path>${goneDir}</path></target></pool>`,
  );
  const admin = await apiAs("admin", adminPassword);
  const made = await admin.post("/api/schedules", {
    data: {
      action: "backup",
      target: { kind: "guest", hostId, uuid },
      timing: { cron: "* * * * *", timeZone: "UTC" },
      keep: 1,
      backup: { pool: goneName, kind: "full" },
    },
  });
  expect(made.status()).toBe(200);
  const { id } = (await made.json()) as { id: string };
  try {
    await lv.storage.stopPool(gone);
    await signIn(page, "admin", adminPassword);
    await page.goto("/");
    const card = page.getByRole("region", { name: "Failed or missed backups" });
    const problem = card.getByTestId("backup-problem").filter({ hasText: guest.name });
    // The run comes within a minute; the dashboard reads again every 10 s.
    await expect(problem).toContainText(`failed on its last run`, { timeout: 150_000 });
    await expect(problem).toContainText(`${goneName} is not a running pool`);
    await problem.getByRole("link", { name: new RegExp(`Back up ${guest.name}`) }).click();
    await expect(page).toHaveURL(new RegExp(`/guests/${hostId}/${uuid}\\?tab=backups`));
  } finally {
    // A run under way refuses the removal until it has ended.
    await expect.poll(async () => (await admin.delete(`/api/schedules/${id}`)).status(), { timeout: 60_000 }).toBe(200);
    await admin.dispose();
  }
});

test("backups: a point's disk attached to another guest shows on that guest, and Detach and discard takes it away", async ({ page }) => {
  test.setTimeout(240_000);
  const other = await startPersistentTestGuest(lv, { namePrefix: "backups-e2e-b", memoryMiB: 96 });
  try {
    const admin = await apiAs("admin", adminPassword);
    // A finished full point to attach from (the first test's, or a new one).
    const points = async () => (await (await admin.get(`/api/hosts/${hostId}/guests/${uuid}/backups`)).json()) as { status: string }[];
    if (!(await points()).some((p) => p.status === "done")) {
      expect((await admin.post(`/api/hosts/${hostId}/guests/${uuid}/backups`, { data: { pool: poolName, kind: "full" } })).status()).toBe(
        200,
      );
      await expect.poll(async () => (await points()).some((p) => p.status === "done"), { timeout: 60_000 }).toBe(true);
    }
    await admin.dispose();

    await signIn(page, "admin", adminPassword);
    await page.goto(`/guests/${hostId}/${uuid}?tab=backups`);
    const point = page
      .getByTestId("backup-point")
      .filter({ has: page.getByTestId("backup-size") })
      .first();
    await point.getByRole("button", { name: "Attach a disk to another guest…" }).click();
    const dialog = page.getByRole("dialog", { name: "Attach a disk to another guest" });
    await dialog.getByLabel("Disk").selectOption("vda");
    await dialog.getByLabel("Guest").selectOption({ label: other.name });
    await dialog.getByRole("button", { name: "Attach" }).click();
    await expect(dialog.getByRole("status")).toContainText(/Attached as vd[a-z]/);
    await dialog.getByRole("link", { name: "Open the guest" }).click();

    await expect(page).toHaveURL(new RegExp(`/guests/${hostId}/${uuidToString(other.dom.uuid)}\\?tab=backups`));
    const attached = page.getByRole("region", { name: "Disks attached from restore points" }).getByTestId("recovery-disk");
    await expect(attached).toHaveCount(1);
    await expect(attached).toContainText(`disk vda of ${guest.name}`);
    await attached.getByRole("button", { name: "Detach and discard" }).click();
    await expect(attached).toHaveCount(0);
    expect((await lv.storage.listVolumes(pool)).map((v) => v.name).filter((n) => n.includes(".recovery-"))).toEqual([]);
  } finally {
    await other.cleanup();
  }
});
