import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { DomainEventId, Libvirt } from "../../lib/libvirt";
import { VirDomainUndefineFlagsValues } from "../../lib/libvirt/generated/flags";
import { ensureTestGuestImage, resolveVirtType, testGuestXml, uniqueGuestName, waitForBoot } from "../helpers/test-guest";
import { adminPassword, apiAs, signIn } from "./fixtures";

const name = uniqueGuestName("e2e");
const diskPath = `/var/lib/libvirt/images/${name}.qcow2`;
let lv: Libvirt;
let uuid: string;

const virsh = (...args: string[]) => execFileSync("virsh", ["-c", "qemu:///system", "-q", ...args], { encoding: "utf8" });

const badge = (page: Page) => page.getByRole("main").getByTestId("state-badge").first();

test.beforeAll(async () => {
  lv = await Libvirt.open("qemu:///system");
  const pool = await lv.storage.lookupPool("default");
  await lv.storage.createVolume(
    pool,
    `<volume><name>${name}.qcow2</name><capacity unit='MiB'>16</capacity><target><format type='qcow2'/></target></volume>`,
  );
  const xml = testGuestXml(name, ensureTestGuestImage(), 160, await resolveVirtType(lv)).replace(
    "<devices>",
    `<devices><disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${diskPath}'/><target dev='vda' bus='virtio'/></disk>`,
  );
  await lv.domains.define(xml);
  uuid = (await lv.domains.list()).find((d) => d.name === name)!.uuid;
});

test.afterAll(async () => {
  const dom = await lv.domains.lookupByName(name).catch(() => null);
  if (dom) {
    await lv.domains.destroy(dom).catch(() => undefined);
    await lv.domains.undefine(dom, VirDomainUndefineFlagsValues.VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA).catch(() => undefined);
  }
  try {
    execFileSync("virsh", ["-c", "qemu:///system", "vol-delete", diskPath], { stdio: "ignore" });
  } catch {
    // deleted by the test
  }
  await lv.close();
});

test("a real guest through its whole life in the browser; a change made with virsh shows without reloading", async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, "admin", adminPassword);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Guests" }).click();
  await page.getByRole("searchbox", { name: "Search guests" }).fill(name);
  const row = page.getByTestId("guest-row").filter({ hasText: name });
  await expect(row.getByTestId("state-badge")).toHaveAttribute("data-state", "shutoff");
  await row.getByRole("link", { name }).click();
  await expect(page).toHaveURL(new RegExp(`/guests/[^/]+/${uuid}$`));

  await page.getByRole("button", { name: "Start", exact: true }).click();
  await expect(badge(page)).toHaveAttribute("data-state", "running");
  expect(await waitForBoot(lv, await lv.domains.lookupByName(name))).toBe(true);

  // Outside the console: the open page follows without a reload (how fast is for the benchmarks).
  virsh("suspend", name);
  await expect(badge(page)).toHaveAttribute("data-state", "paused", { timeout: 15_000 });
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(badge(page)).toHaveAttribute("data-state", "running");

  // Reboot through ACPI: the guest really restarts (libvirt reports the reboot).
  const rebooted = (async () => {
    for await (const e of lv.client.events({ family: "domain", eventId: DomainEventId.REBOOT }, { signal: AbortSignal.timeout(60_000) })) {
      if ((e.data.dom as { name: string }).name === name) return true;
    }
    return false;
  })();
  await page.getByRole("button", { name: "More actions" }).click();
  await page.getByRole("menuitem", { name: "Reboot" }).click();
  expect(await rebooted).toBe(true);
  await expect(badge(page)).toHaveAttribute("data-state", "running");

  // Force off warns about the guest's file systems first.
  await page.getByRole("button", { name: "More actions" }).click();
  await page.getByRole("menuitem", { name: "Force off…" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(/file systems/i);
  await dialog.getByRole("button", { name: "Force off" }).click();
  await expect(badge(page)).toHaveAttribute("data-state", "shutoff");

  // Delete with its storage: the dialog lists the volume, ticked.
  await page.getByRole("button", { name: "More actions" }).click();
  await page.getByRole("menuitem", { name: "Delete…" }).click();
  const del = page.getByRole("dialog");
  await expect(del).toContainText(diskPath);
  await del.getByRole("button", { name: "Delete guest and 1 volume" }).click();
  await expect(page).toHaveURL(/\/guests$/);
  expect(virsh("list", "--all", "--name")).not.toContain(name);
  expect(virsh("vol-list", "default")).not.toContain(`${name}.qcow2`);

  const admin = await apiAs("admin", adminPassword);
  const audit = (await (await admin.get("/api/admin/audit?action=guest.")).json()) as {
    rows: { action: string; target: string; result: string }[];
  };
  const mine = audit.rows.filter((r) => r.target.includes(uuid)).map((r) => `${r.action} ${r.result}`);
  for (const a of ["guest.start ok", "guest.resume ok", "guest.reboot ok", "guest.forceoff ok", "guest.delete ok"])
    expect(mine).toContain(a);
  await admin.dispose();
});

test("a test-driver host with 1,000 guests lists them all and finds the last one", async ({ page }) => {
  const file = path.join(os.tmpdir(), `vc-e2e-fleet-${process.pid}.xml`);
  const domains = Array.from(
    { length: 1000 },
    (_, i) =>
      `<domain type='test'><name>fleet-${String(i).padStart(4, "0")}</name><memory unit='MiB'>256</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>`,
  );
  writeFileSync(file, `<node>${domains.join("")}</node>`);
  const admin = await apiAs("admin", adminPassword);
  const res = await admin.post("/api/hosts", { data: { kind: "custom", name: "fleet", uri: `test://${file}` } });
  expect(res.status(), await res.text()).toBe(200);
  const { id } = (await res.json()) as { id: string };

  await signIn(page, "admin", adminPassword);
  await page.goto(`/guests?host=${id}`);
  await expect(page.getByTestId("guest-count")).toHaveText("1,000 guests");
  // Virtualised: only the rows on screen exist in the page.
  expect(await page.getByTestId("guest-row").count()).toBeLessThan(200);
  await page.getByRole("searchbox", { name: "Search guests" }).fill("fleet-0999");
  await expect(page.getByTestId("guest-row")).toHaveCount(1);
  await expect(page.getByTestId("guest-row").getByTestId("state-badge")).toHaveAttribute("data-state", "running");
  await admin.delete(`/api/hosts/${id}`);
  await admin.dispose();
});
