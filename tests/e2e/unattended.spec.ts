import { expect, test } from "@playwright/test";
import { Libvirt } from "../../lib/libvirt";
import { VirDomainXMLFlags } from "../../lib/libvirt/generated/flags";
import { UNATTENDED_ALIAS } from "../../lib/new-guest/unattended";
import { Domain } from "../../lib/xml";
import { buildInstallerIso } from "../helpers/installer-iso";
import { DEBIAN_11_LABEL, uploadToDefaultPool } from "../helpers/iso-volume";
import { kvmAvailable, removeGuests, resolveVirtType } from "../helpers/test-guest";
import { adminPassword, signIn } from "./fixtures";

// The wizard's unattended installation: the OS step says whether the chosen OS installs by itself from
// an ISO (Debian's preseed only goes into a network install's initrd; Fedora's kickstart also comes on a
// medium), a missing password the script needs is named at its field on the OS step, Finish attaches the
// script's OEMDRV CD-ROM, and the guest page removes it.
const suffix = Date.now().toString(36);
const isoName = `e2e-installer-${suffix}.iso`;
const guestName = `e2e-unattended-${suffix}`;
const medium = `${guestName}-unattended.iso`;
let lv: Libvirt;

async function volumeNames(): Promise<string[]> {
  return (await lv.storage.listVolumes(await lv.storage.lookupPool("default"))).map((v) => v.name);
}

test.beforeAll(async () => {
  lv = await Libvirt.open("qemu:///system");
  await uploadToDefaultPool(lv, isoName, buildInstallerIso(DEBIAN_11_LABEL));
});

test.afterAll(async () => {
  await removeGuests(lv, [guestName]);
  const pool = await lv.storage.lookupPool("default");
  for (const vol of await lv.storage.listVolumes(pool))
    if (vol.name === isoName || vol.name.startsWith(guestName)) await lv.storage.deleteVolume(vol).catch(() => undefined);
  await lv.close();
});

test("unattended installation: support said per OS, a missing admin password named at its field, the script medium attached and removed", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signIn(page, "admin", adminPassword);
  await page.goto("/guests");
  await page.getByRole("link", { name: "New guest" }).click();
  await expect(page.getByRole("heading", { name: "Create a new virtual machine" })).toBeVisible();
  await page.getByLabel("Host").selectOption({ label: "localhost" });
  await page.getByLabel(/^Pool/).selectOption("default");
  await page.getByRole("combobox", { name: /^ISO image/ }).selectOption(isoName);
  await expect(page.getByRole("status")).toHaveText(/^Detected: Debian 11/);
  if (kvmAvailable() && (await resolveVirtType(lv)) === "qemu") {
    await page.getByText("Architecture options").click();
    await page.getByLabel("Virt Type").selectOption("qemu");
  }
  await page.getByRole("button", { name: "Forward" }).click();

  const support = page.getByTestId("unattended-support");
  await expect(support).toHaveText(
    "Unattended installation: not supported for this OS with this install method. Its installer takes the script only in a network install.",
  );
  await page.getByLabel("Include end-of-life operating systems").check();
  await page.getByLabel("Search operating systems").fill("fedora37");
  await page.getByRole("radio", { name: /^Fedora Linux 37\b|^Fedora 37\b/ }).click();
  await expect(support).toHaveText(/^Unattended installation: supported for this OS with this install method/);
  await page.getByLabel("Install by itself").check();
  // Fedora's kickstart reads no product key; the browser's time zone is filled in.
  await expect(page.getByLabel("Product key")).toHaveCount(0);
  await expect(page.getByLabel("Time zone")).not.toHaveValue("");
  await page.getByLabel("User name").fill("alice");

  const forwardToFinish = async () => {
    await page.getByRole("button", { name: "Forward" }).click();
    await page.getByLabel(/^Memory \(MiB\)/).fill("256");
    await page.getByRole("button", { name: "Forward" }).click();
    await page.getByLabel("Size (GiB)").fill("1");
    await page.getByRole("button", { name: "Forward" }).click();
    await page.getByLabel("Network source").selectOption("none");
    await page.getByRole("button", { name: "Forward" }).click();
  };
  await forwardToFinish();
  await page.getByLabel("Name").fill(guestName);
  await page.getByRole("button", { name: "Finish" }).click();
  // The script needs the root password: the wizard goes back to the OS step and says so there.
  await expect(page.getByText("This OS's install script needs it")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByLabel("Administrator (root) password")).toBeVisible();
  expect((await lv.domains.list()).some((d) => d.name === guestName)).toBe(false);
  expect((await volumeNames()).filter((n) => n.startsWith(guestName))).toEqual([]);

  await page.getByLabel("Administrator (root) password").fill("Root-Pa55!");
  await forwardToFinish();
  await expect(page.getByLabel("Name")).toHaveValue(guestName);
  await page.getByRole("button", { name: "Finish" }).click();
  await expect(page).toHaveURL(/\/console$/, { timeout: 60_000 });
  const dom = await lv.domains.lookupByName(guestName);
  const saved = Domain.parse(await lv.domains.xml(dom, VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE));
  expect(saved.devices.disks.items.find((d) => d.alias === UNATTENDED_ALIAS)?.sourceVolume).toBe(medium);

  await page.goto(page.url().replace(/\/console$/, ""));
  await page.getByTestId("unattended-media").getByRole("button", { name: "Remove the script medium" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The script medium was removed" })).toContainText(medium);
  expect(await volumeNames()).not.toContain(medium);
});
