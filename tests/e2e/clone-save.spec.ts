// Clone, save to a file and restore through the browser, against a real guest on the real libvirtd.
import { execFileSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { Libvirt } from "../../lib/libvirt";
import { ensureTestGuestImage, removeGuests, resolveVirtType, testGuestXml, uniqueGuestName, waitForBoot } from "../helpers/test-guest";
import { adminPassword, localHostId, signIn } from "./fixtures";

const name = uniqueGuestName("e2e-clone");
const cloneName = `${name}-clone`;
const images = "/var/lib/libvirt/images";
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
  const disk = `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${images}/${name}.qcow2'/><target dev='vda' bus='virtio'/></disk>`;
  await lv.domains.define(testGuestXml(name, ensureTestGuestImage(), 128, await resolveVirtType(lv), undefined, { extraDevices: disk }));
  uuid = (await lv.domains.list()).find((d) => d.name === name)!.uuid;
});

test.afterAll(async () => {
  await removeGuests(lv, [name, cloneName]);
  for (const vol of [`${name}.qcow2`, `${cloneName}.qcow2`, `${name}.save`]) {
    try {
      execFileSync("virsh", ["-c", "qemu:///system", "vol-delete", "--pool", "default", vol], { stdio: "ignore" });
    } catch {
      // already gone
    }
  }
  await lv.close();
});

test("clone a shut-off guest: its disk is copied with progress and the clone starts", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, "admin", adminPassword);
  await page.goto(`/guests/${encodeURIComponent(await localHostId(page.request))}/${uuid}`);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await page.getByRole("button", { name: "More actions" }).click();
  await page.getByRole("menuitem", { name: "Clone…" }).click();
  const dialog = page.getByRole("dialog", { name: `Clone ${name}` });
  await expect(dialog.getByLabel("Name of the clone")).toHaveValue(cloneName);
  const disk = dialog.getByTestId("clone-disk").filter({ hasText: "vda" });
  await expect(disk.getByRole("combobox", { name: "What to do with vda" })).toHaveValue("copy");
  await expect(disk.getByLabel("New volume for vda")).toHaveValue(`${cloneName}.qcow2`);
  await dialog.getByRole("button", { name: "Clone", exact: true }).click();
  await expect(dialog.getByTestId("job-progress")).toHaveAttribute("data-status", "done", { timeout: 60_000 });
  await dialog.getByRole("link", { name: `Open ${cloneName}` }).click();
  await expect(page.getByRole("heading", { name: cloneName })).toBeVisible();

  expect(virsh("domblklist", cloneName)).toContain(`${images}/${cloneName}.qcow2`);
  expect(virsh("domuuid", cloneName).trim()).not.toBe(uuid);
  await page.getByRole("button", { name: "Start", exact: true }).click();
  await expect(badge(page)).toHaveAttribute("data-state", "running");
  expect(await waitForBoot(lv, await lv.domains.lookupByName(cloneName))).toBe(true);
});

test("save a running guest into a pool, then restore it from the host page", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, "admin", adminPassword);
  const hostId = await localHostId(page.request);
  await lv.domains.start(await lv.domains.lookupByName(name));
  await page.goto(`/guests/${encodeURIComponent(hostId)}/${uuid}`);
  await expect(badge(page)).toHaveAttribute("data-state", "running");

  await page.getByRole("button", { name: "More actions" }).click();
  await page.getByRole("menuitem", { name: "Save to file…" }).click();
  const save = page.getByRole("dialog", { name: `Save ${name} to a file` });
  await expect(save.getByRole("combobox", { name: /^Pool/ })).toHaveValue("default");
  await expect(save.getByLabel("File name")).toHaveValue(`${name}.save`);
  await save.getByRole("button", { name: "Save and stop" }).click();
  await expect(save.getByTestId("job-progress")).toHaveAttribute("data-status", "done", { timeout: 60_000 });
  await save.getByRole("button", { name: "Close" }).click();
  await expect(badge(page)).toHaveAttribute("data-state", "shutoff");
  expect(virsh("vol-list", "default")).toContain(`${name}.save`);

  await page.goto(`/hosts/${encodeURIComponent(hostId)}`);
  await page.getByRole("button", { name: "More actions" }).click();
  await page.getByRole("menuitem", { name: "Restore saved guest…" }).click();
  const restore = page.getByRole("dialog", { name: /Restore a saved guest/ });
  const image = restore.getByTestId("saved-image").filter({ hasText: name });
  await expect(image).toContainText(`default/${name}.save`);
  await image.getByRole("button", { name: `Restore ${name} from ${name}.save` }).click();
  await expect(restore.getByTestId("job-progress")).toHaveAttribute("data-status", "done", { timeout: 60_000 });
  expect(virsh("domstate", name).trim()).toBe("running");
  expect(virsh("vol-list", "default")).not.toContain(`${name}.save`);
});
