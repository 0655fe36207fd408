// Templates through the browser, against the real libvirtd: a test guest is marked as a template on its page, shows
// as one in the list, and a linked clone made from it with a cloud-init host name runs and says that name on its serial
// console (the test guest reads NoCloud seeds). Bad input (a taken name, a template running, a guest that is no
// template) gets a clear message.
import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { Libvirt } from "../../lib/libvirt";
import { ensureTestGuestImage, removeGuests, resolveVirtType, testGuestXml, uniqueGuestName } from "../helpers/test-guest";
import { adminPassword, apiAs, localHostId, signIn } from "./fixtures";

const name = uniqueGuestName("templates-e2e");
const linked = `${name}-web`;
const plain = `${name}-plain`;
const images = "/var/lib/libvirt/images";
let lv: Libvirt;
let uuid: string;

// The second test needs the linked clone the first one makes.
test.describe.configure({ mode: "serial" });

const virsh = (...args: string[]) => execFileSync("virsh", ["-c", "qemu:///system", "-q", ...args], { encoding: "utf8" });

test.beforeAll(async () => {
  lv = await Libvirt.open("qemu:///system");
  const pool = await lv.storage.lookupPool("default");
  await lv.storage.createVolume(
    pool,
    `<volume><name>${name}.qcow2</name><capacity unit='MiB'>16</capacity><target><format type='qcow2'/></target></volume>`,
  );
  const disk = `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${images}/${name}.qcow2'/><target dev='vda' bus='virtio'/></disk>`;
  const type = await resolveVirtType(lv);
  await lv.domains.define(testGuestXml(name, ensureTestGuestImage(), 128, type, undefined, { extraDevices: disk }));
  await lv.domains.define(testGuestXml(plain, ensureTestGuestImage(), 128, type));
  uuid = (await lv.domains.list()).find((d) => d.name === name)!.uuid;
});

test.afterAll(async () => {
  await removeGuests(lv, [linked, name, plain]);
  for (const vol of [`${linked}.qcow2`, `${linked}-cidata.iso`, `${name}.qcow2`]) {
    try {
      execFileSync("virsh", ["-c", "qemu:///system", "vol-delete", "--pool", "default", vol], { stdio: "ignore" });
    } catch {
      // already gone
    }
  }
  await lv.close();
});

test("mark a guest as a template, then create a linked clone from it with cloud-init that runs with its new host name", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page, "admin", adminPassword);
  const hostId = await localHostId(page.request);
  await page.goto(`/guests/${encodeURIComponent(hostId)}/${uuid}`);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await page.getByRole("button", { name: "More actions" }).click();
  await page.getByRole("menuitem", { name: "Mark as template" }).click();
  const main = page.getByRole("main");
  await expect(main.getByTestId("template-badge")).toBeVisible();
  await expect(page.getByRole("button", { name: "Start", exact: true })).toHaveCount(0);
  expect(virsh("dumpxml", name)).toContain('xmlns:console="urn:virt-console:template:1"');

  // The list shows it apart: a Template badge, and the Templates filter keeps it.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Guests" }).click();
  await page.getByRole("searchbox", { name: "Search guests" }).fill(name);
  const rows = page.getByTestId("guest-row");
  await expect(rows.filter({ hasText: plain })).toHaveCount(1);
  await page.getByRole("button", { name: /^Templates \(\d+\)$/ }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId("template-badge")).toBeVisible();

  // New guest from template, from the row's menu: a taken name first, then a free one.
  await rows
    .first()
    .getByRole("button", { name: `Actions for ${name}` })
    .click();
  await page.getByRole("menuitem", { name: "New guest from template…" }).click();
  const dialog = page.getByRole("dialog", { name: `New guest from ${name}` });
  await dialog.getByLabel("Name of the new guest").fill(plain);
  await expect(dialog.getByRole("radio", { name: /Linked clone/ })).toBeChecked();
  await dialog.getByRole("button", { name: "Create guest" }).click();
  await expect(dialog.getByText("This name is taken")).toBeVisible();
  await dialog.getByLabel("Name of the new guest").fill(linked);
  await dialog.getByLabel(/Configure the guest with cloud-init/).check();
  await dialog.getByRole("textbox", { name: "Host name" }).fill("tmpl-web1");
  await dialog.getByRole("button", { name: "Create guest" }).click();
  await expect(dialog.getByTestId("job-progress")).toHaveAttribute("data-status", "done", { timeout: 60_000 });
  await dialog.getByRole("button", { name: "Close" }).click();

  // Its disk is an overlay on the template's, and it runs.
  expect(virsh("vol-dumpxml", "--pool", "default", `${linked}.qcow2`)).toContain(`<path>${images}/${name}.qcow2</path>`);
  // The row menu opened the dialog on the template's page: back to the list.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Guests" }).click();
  await page.getByRole("searchbox", { name: "Search guests" }).fill(linked);
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId("state-badge")).toHaveAttribute("data-state", "running", { timeout: 30_000 });

  // The seed is the guest's: its init took the host name and says so on the serial console (kept in /var/log/nocloud).
  const linkedUuid = (await lv.domains.list()).find((d) => d.name === linked)!.uuid;
  await page.goto(`/guests/${encodeURIComponent(hostId)}/${linkedUuid}/console`);
  await page.getByRole("tab", { name: "Serial port 1" }).click();
  await expect(page.getByTestId("console-status")).toHaveAttribute("data-state", "connected", { timeout: 30_000 });
  const terminal = page.getByTestId("serial-terminal");
  await expect(async () => {
    await terminal.click();
    await page.keyboard.type("\rcat /var/log/nocloud\r");
    await expect.poll(() => terminal.locator(".xterm-rows").innerText(), { timeout: 5_000 }).toContain("cloud-init: hostname=tmpl-web1");
  }).toPass({ timeout: 120_000 });
});

test("bad input: a guest that is no template, a running template, a template with a linked clone being deleted", async ({ page }) => {
  test.setTimeout(120_000);
  const api = await apiAs("admin", adminPassword);
  const hostId = await localHostId(api);
  const plainUuid = (await lv.domains.list()).find((d) => d.name === plain)!.uuid;
  const fromPlain = await api.post(`/api/hosts/${encodeURIComponent(hostId)}/guests/${plainUuid}/template/new-guest`, {
    data: { name: `${name}-x` },
  });
  expect(fromPlain.status()).toBe(409);
  expect(((await fromPlain.json()) as { error: string }).error).toMatch(/is not a template/);

  const del = await api.delete(`/api/hosts/${encodeURIComponent(hostId)}/guests/${uuid}`, { data: { removeVolumes: [] } });
  expect(del.status()).toBe(409);
  expect(((await del.json()) as { error: string }).error).toContain(`${linked} is a linked clone`);
  expect(virsh("domstate", name).trim()).toBe("shut off");

  // Started from outside the console (virsh), a template is refused as a base until it is shut down. While the linked
  // clone runs, QEMU's image lock keeps even virsh from starting it (its disk is the clone's backing file).
  virsh("destroy", linked);
  virsh("start", name);
  try {
    await signIn(page, "admin", adminPassword);
    await page.goto(`/guests/${encodeURIComponent(hostId)}/${uuid}`);
    await page.getByRole("button", { name: "New guest from template…" }).click();
    const dialog = page.getByRole("dialog", { name: `New guest from ${name}` });
    await dialog.getByLabel("Name of the new guest").fill(`${name}-y`);
    await dialog.getByRole("button", { name: "Create guest" }).click();
    await expect(dialog.getByRole("alert")).toContainText("is running");
  } finally {
    virsh("destroy", name);
  }
  await api.dispose();
});
