import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Libvirt } from "../../lib/libvirt";
import { buildInstallerIso } from "../helpers/installer-iso";
import { uploadToDefaultPool } from "../helpers/iso-volume";
import { kvmAvailable, removeGuests, resolveVirtType } from "../helpers/test-guest";
import { adminPassword, apiAs, localHostId, signIn } from "./fixtures";

// A cloud image in the wizard: the test guest as a bootable disk image is imported with a cloud-init
// host name; the guest (whose init reads NoCloud seeds) says the new name on its serial console. Bad
// input is refused field by field and leaves nothing behind; "Remove the seed" on the guest page.
const suffix = Date.now().toString(36);
const diskName = `cloudinit-e2e-disk-${suffix}.qcow2`;
const guestName = `cloudinit-e2e-${suffix}`;
const hostname = `ci-e2e-${suffix}`;
const seedVolume = `${guestName}-cidata.iso`;
const KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOWHLPOqkGtS+puV5MvDq/hBoBNskt/Rf26lbC76DXuB test@example";
let lv: Libvirt;

const volumeNames = async () => (await lv.storage.listVolumes(await lv.storage.lookupPool("default"))).map((v) => v.name);

test.beforeAll(async () => {
  lv = await Libvirt.open("qemu:///system");
  // As qcow2, like a cloud image (and so that libvirt's probe does not take it for a CD image, as it would the raw ISO).
  const qcow2 = path.join(mkdtempSync(path.join(tmpdir(), "cloudinit-e2e-")), "disk.qcow2");
  execFileSync("qemu-img", ["convert", "-O", "qcow2", buildInstallerIso("CLOUDINIT_E2E", { hybrid: true }), qcow2]);
  await uploadToDefaultPool(lv, diskName, qcow2);
  await lv.storage.refreshPool(await lv.storage.lookupPool("default"));
});

test.afterAll(async () => {
  await removeGuests(lv, [guestName]);
  const pool = await lv.storage.lookupPool("default");
  for (const vol of await lv.storage.listVolumes(pool))
    if (vol.name === diskName || vol.name.startsWith(guestName)) await lv.storage.deleteVolume(vol).catch(() => undefined);
  await lv.close();
});

test("the server refuses bad cloud-init input field by field, and nothing is made", async () => {
  const api = await apiAs("admin", adminPassword);
  const hostId = await localHostId(api);
  const request = (cloudInit: unknown) =>
    api.post(`/api/hosts/${encodeURIComponent(hostId)}/guests`, {
      data: {
        name: guestName,
        install: { method: "import", pool: "default", volume: diskName, cloudInit },
        os: "generic",
        memoryMiB: 256,
        vcpus: 1,
        storage: { kind: "none" },
        network: { type: "none" },
      },
    });
  const yaml = await request({ mode: "raw", hostname, userData: "#cloud-config\npackages: [htop\nruncmd: [ls]\n" });
  expect(yaml.status()).toBe(422);
  expect((await yaml.json()).fields["install.cloudInit.userData"]).toMatch(/^Line 3, column 1: /);
  const form = await request({
    mode: "form",
    hostname,
    users: [{ name: "alice", sshKeys: ["ssh-ed25519 nonsense"] }],
    network: { mode: "static", address: "192.168.1.300/24" },
  });
  expect(form.status()).toBe(422);
  expect(Object.keys((await form.json()).fields).sort()).toEqual([
    "install.cloudInit.network.address",
    "install.cloudInit.users.0.sshKeys.0",
  ]);
  expect(await lv.domains.lookupByName(guestName).catch(() => null)).toBeNull();
  expect(await volumeNames()).not.toContain(seedVolume);
});

test("a guest from an imported disk with a cloud-init host name says the new name on its serial console; the seed is removed afterwards", async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signIn(page, "admin", adminPassword);
  await page.goto("/guests");
  await page.getByRole("link", { name: "New guest" }).click();
  await expect(page.getByRole("heading", { name: "Create a new virtual machine" })).toBeVisible();
  await page.getByLabel("Host").selectOption({ label: "localhost" });
  await page.getByLabel("Import existing disk image").check();
  await page.getByLabel(/^Pool/).selectOption("default");
  await page.getByRole("combobox", { name: /^Disk image/ }).selectOption(diskName);
  if (kvmAvailable() && (await resolveVirtType(lv)) === "qemu") {
    await page.getByText("Architecture options").click();
    await page.getByLabel("Virt Type").selectOption("qemu");
  }

  await page.getByLabel(/Configure the guest with cloud-init/).check();
  await page.getByRole("textbox", { name: "Host name" }).fill(hostname);
  // Bad input: the messages sit at the fields and the wizard stays on this step.
  await page.getByRole("button", { name: "Add a user" }).click();
  await page.getByLabel("User name").fill("alice");
  await page.getByLabel("SSH public keys").fill(`${KEY}\nnot a key`);
  await page.getByLabel("Guest network").selectOption("static");
  await page.getByLabel(/^Address/).fill("192.168.1.300/24");
  await page.getByRole("button", { name: "Forward" }).click();
  await expect(page.getByText(/^Line 2: Not an SSH public key/)).toBeVisible();
  await expect(page.getByText(/^An address with its prefix/)).toBeVisible();
  // The raw editor checks the YAML as it is typed and names the line.
  await page.getByLabel("Write the user-data myself (YAML)").check();
  await page.getByLabel("User-data (#cloud-config YAML)").fill("#cloud-config\nruncmd: [ls\nusers: []\n");
  await expect(page.getByText(/^Line 3, column 1: /)).toBeVisible();
  await page.getByLabel("Write the user-data myself (YAML)").uncheck();
  await page.getByLabel("SSH public keys").fill(KEY);
  await page.getByLabel(/^Password/).fill("pw-for-alice");
  await page.getByLabel("Guest network").selectOption("dhcp");

  await page.getByRole("button", { name: "Preview seed" }).click();
  const preview = page.getByTestId("seed-preview");
  await expect(preview).toContainText(`local-hostname: ${hostname}`);
  await expect(preview).toContainText("hashed_passwd: $6$");
  await expect(preview).not.toContainText("pw-for-alice");
  await expect(preview).toContainText("dhcp4: true");

  await page.getByRole("button", { name: "Forward" }).click();
  await page.getByRole("button", { name: "Forward" }).click();
  await page.getByLabel(/^Memory \(MiB\)/).fill("192");
  await page.getByRole("button", { name: "Forward" }).click();
  await page.getByRole("button", { name: "Forward" }).click();
  await page.getByLabel("Network source").selectOption("none");
  await page.getByRole("button", { name: "Forward" }).click();
  await page.getByLabel("Name").fill(guestName);
  await page.getByRole("button", { name: "Finish" }).click();
  await expect(page).toHaveURL(/\/console$/, { timeout: 60_000 });
  expect(await volumeNames()).toContain(seedVolume);

  // The test guest's init read the seed: its marker names the new host (printed at boot and kept in /var/log/nocloud).
  await page.getByRole("tab", { name: "Serial port 1" }).click();
  await expect(page.getByTestId("console-status")).toHaveAttribute("data-state", "connected", { timeout: 30_000 });
  const marker = `cloud-init: hostname=${hostname}`;
  await expect(async () => {
    await page.getByTestId("serial-terminal").click();
    await page.keyboard.type("\rcat /var/log/nocloud\r");
    await expect.poll(() => page.getByTestId("serial-terminal").locator(".xterm-rows").innerText(), { timeout: 5_000 }).toContain(marker);
  }).toPass({ timeout: 200_000 });

  // The guest page offers to remove the seed; afterwards it is gone from the definition and the pool.
  await page.goto(page.url().replace(/\/console$/, ""));
  await page.getByTestId("cloud-init-seed").getByRole("button", { name: "Remove the seed" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The cloud-init seed was removed" })).toContainText(seedVolume);
  expect(await volumeNames()).not.toContain(seedVolume);
});
