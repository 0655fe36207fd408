import { expect, test, type Page } from "@playwright/test";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Libvirt } from "../../lib/libvirt";
import { VirDomainXMLFlags } from "../../lib/libvirt/generated/flags";
import { buildInstallerIso } from "../helpers/installer-iso";
import { DEBIAN_11_LABEL, uploadToDefaultPool } from "../helpers/iso-volume";
import { kvmAvailable, removeGuests, resolveVirtType } from "../helpers/test-guest";
import { adminPassword, apiAs, signIn } from "./fixtures";
import { e2eMirrorAddress } from "../../playwright.config";

const suffix = Date.now().toString(36);
const isoName = `e2e-debian-${suffix}.iso`;
/** The first test's ISO, uploaded through the wizard's own upload dialog. */
const uploadedIso = `e2e-upload-${suffix}.iso`;
const guestName = `e2e-wizard-${suffix}`;
const customizedName = `e2e-custom-${suffix}`;
let lv: Libvirt;

/** Signed in as admin, the wizard open on its first step with localhost chosen. */
async function openWizardOnLocalhost(page: Page): Promise<void> {
  await signIn(page, "admin", adminPassword);
  await page.goto("/guests");
  await page.getByRole("link", { name: "New guest" }).click();
  await expect(page.getByRole("heading", { name: "Create a new virtual machine" })).toBeVisible();
  await page.getByLabel("Host").selectOption({ label: "localhost" });
}

test.beforeAll(async () => {
  // A bootable installer ISO (isolinux + the test guest's kernel) whose volume label osinfo knows (Debian 11's).
  lv = await Libvirt.open("qemu:///system");
  await uploadToDefaultPool(lv, isoName, buildInstallerIso(DEBIAN_11_LABEL));
});

test.afterAll(async () => {
  await removeGuests(lv, [guestName, customizedName]);
  const pool = await lv.storage.lookupPool("default");
  for (const vol of await lv.storage.listVolumes(pool))
    if (vol.name === isoName || vol.name === uploadedIso || vol.name.startsWith(guestName) || vol.name.startsWith(customizedName))
      await lv.storage.deleteVolume(vol);
  await lv.close();
});

test("the wizard detects the OS from the ISO, keeps answers going back and forth, and Finish opens the new guest's console", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await openWizardOnLocalhost(page);
  await expect(page.getByTestId("virt-type")).toContainText(/KVM|emulated/);
  await page.getByLabel(/^Pool/).selectOption("default");
  // The installer ISO made by the fixture goes up through the wizard's upload dialog, with progress.
  await page.getByRole("button", { name: "Upload an ISO into default…" }).click();
  const upload = page.getByRole("dialog");
  await upload.getByLabel("File", { exact: true }).setInputFiles(buildInstallerIso(DEBIAN_11_LABEL));
  await upload.getByLabel("New volume name").fill(uploadedIso);
  await upload.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(upload.getByTestId("upload-sha256")).toBeVisible({ timeout: 60_000 });
  await upload.getByRole("button", { name: "Close" }).click();
  // The ISO just uploaded is the one chosen, and its OS is detected.
  await expect(page.getByRole("combobox", { name: /^ISO image/ })).toHaveValue(uploadedIso);
  await expect(page.getByRole("status")).toHaveText(/^Detected: Debian 11/);
  // Where nested KVM cannot boot guests, the Architecture options choose emulation (without KVM it is the only way).
  if (kvmAvailable() && (await resolveVirtType(lv)) === "qemu") {
    await page.getByText("Architecture options").click();
    await page.getByLabel("Virt Type").selectOption("qemu");
  }
  await page.getByRole("button", { name: "Forward" }).click();

  await expect(page.getByTestId("chosen-os")).toHaveText(/Debian 11/);
  await page.getByRole("button", { name: "Forward" }).click();

  // osinfo's advice is prefilled; a value that the schema refuses keeps the wizard on this step.
  await expect(page.getByText(/; \d+ MiB recommended/)).toBeVisible();
  await page.getByLabel(/^Memory \(MiB\)/).fill("32");
  await page.getByRole("button", { name: "Forward" }).click();
  await expect(page.getByText("At least 64 MiB")).toBeVisible();
  await page.getByLabel(/^Memory \(MiB\)/).fill("256");
  await page.getByLabel("CPUs").fill("1");
  await page.getByRole("button", { name: "Forward" }).click();

  await page.getByLabel("Size (GiB)").fill("1");
  await page.getByRole("button", { name: "Forward" }).click();
  await page.getByLabel("Network source").selectOption("none");
  await page.getByRole("button", { name: "Forward" }).click();

  await page.getByLabel("Name").fill("bad name");
  await expect(page.getByText("Letters, digits, '.', '_' and '-' only")).toBeVisible();
  await page.getByLabel("Name").fill(guestName);
  await expect(page.getByTestId("plan-summary")).toContainText("256 MiB");
  await page.getByText("The XML that will be defined").click();
  await expect(page.getByTestId("plan-summary").locator("pre")).toContainText(`<name>${guestName}</name>`);

  // Back to memory and forward again: nothing typed is lost.
  for (let i = 0; i < 3; i++) await page.getByRole("button", { name: "Back" }).click();
  await expect(page.getByLabel(/^Memory \(MiB\)/)).toHaveValue("256");
  for (let i = 0; i < 3; i++) await page.getByRole("button", { name: "Forward" }).click();
  await expect(page.getByLabel("Name")).toHaveValue(guestName);

  await page.getByRole("button", { name: "Finish" }).click();
  await expect(page).toHaveURL(/\/console$/, { timeout: 60_000 });
  await expect(page.getByTestId("console-status")).toHaveAttribute("data-state", "connected", { timeout: 30_000 });
  const dom = await lv.domains.lookupByName(guestName);
  expect(await lv.domains.isActive(dom)).toBe(true);
  const xml = await lv.domains.xml(dom);
  expect(xml).toContain(uploadedIso);
  expect(xml).toContain(`${guestName}.qcow2`);

  // The installer on the ISO boots to its shell: typed into the serial console, it answers.
  await page.getByRole("tab", { name: "Serial port 1" }).click();
  await expect(page.getByTestId("console-status")).toHaveAttribute("data-state", "connected");
  const marker = `WZ-${suffix}`;
  await expect(async () => {
    await page.getByTestId("serial-terminal").click();
    await page.keyboard.type(`\recho ${marker.slice(0, 3)}""${marker.slice(3)}\r`);
    // The echoed command has the quotes; only the shell's answer has the marker whole.
    await expect.poll(() => page.getByTestId("serial-terminal").locator(".xterm-rows").innerText(), { timeout: 5_000 }).toContain(marker);
  }).toPass({ timeout: 120_000 });
});

test("customize configuration before install: the draft's hardware is edited in the wizard and nothing exists on the host until Begin installation", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openWizardOnLocalhost(page);
  await page.getByLabel(/^Pool/).selectOption("default");
  await page.getByRole("combobox", { name: /^ISO image/ }).selectOption(isoName);
  await expect(page.getByRole("status")).toHaveText(/^Detected: Debian 11/);
  if (kvmAvailable() && (await resolveVirtType(lv)) === "qemu") {
    await page.getByText("Architecture options").click();
    await page.getByLabel("Virt Type").selectOption("qemu");
  }
  for (let i = 0; i < 2; i++) await page.getByRole("button", { name: "Forward" }).click();
  await page.getByLabel(/^Memory \(MiB\)/).fill("256");
  await page.getByLabel("CPUs").fill("1");
  await page.getByRole("button", { name: "Forward" }).click();
  await page.getByLabel("Size (GiB)").fill("1");
  await page.getByRole("button", { name: "Forward" }).click();
  await page.getByLabel("Network source").selectOption("none");
  await page.getByRole("button", { name: "Forward" }).click();
  await page.getByLabel("Name").fill(customizedName);
  await page.getByLabel("Customize configuration before install").check();
  await page.getByRole("button", { name: "Finish" }).click();

  // The hardware editor on the draft: memory changed and a watchdog added, while libvirt knows no such guest.
  const view = page.getByTestId("customize-view");
  await expect(view.getByRole("heading", { name: `Customize ${customizedName} before install` })).toBeVisible();
  await view.getByRole("navigation", { name: "Hardware" }).getByRole("button", { name: "Memory", exact: true }).click();
  await view.getByLabel("Current allocation").fill("192");
  await view.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("Memory saved")).toBeVisible();
  await view.getByRole("button", { name: "Add hardware" }).click();
  const dialog = page.getByRole("dialog", { name: "Add new virtual hardware" });
  await dialog.getByRole("button", { name: "Watchdog" }).click();
  await dialog.getByRole("button", { name: "Finish" }).click();
  await expect(dialog).toBeHidden();
  await expect(view.getByRole("navigation", { name: "Hardware" }).getByRole("button", { name: /Watchdog/ })).toBeVisible();
  await view.getByRole("tab", { name: "XML" }).click();
  await expect(view.locator("textarea")).toHaveValue(/<currentMemory unit='KiB'>196608<\/currentMemory>/);
  expect((await lv.domains.list()).map((d) => d.name)).not.toContain(customizedName);

  await view.getByRole("button", { name: "Begin installation" }).click();
  await expect(page).toHaveURL(/\/console$/, { timeout: 60_000 });
  const dom = await lv.domains.lookupByName(customizedName);
  expect(await lv.domains.isActive(dom)).toBe(true);
  const xml = await lv.domains.xml(dom, VirDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE);
  expect(xml).toMatch(/<currentMemory unit='KiB'>196608<\/currentMemory>/);
  expect(xml).toContain("<watchdog model=");
  expect(xml).toContain(`${customizedName}.qcow2`);
});

test("the network step flags an inactive network and starts it on request; macvtap lists the host's interfaces", async ({ page }) => {
  // An isolated network, defined but not started.
  const netName = `e2e-idle-${suffix}`;
  const net = await lv.networks.define(`<network><name>${netName}</name><ip address='192.168.251.1' netmask='255.255.255.0'/></network>`);
  try {
    await openWizardOnLocalhost(page);
    await page.getByRole("radio", { name: "Network Boot (PXE)" }).check();
    for (let i = 0; i < 4; i++) await page.getByRole("button", { name: "Forward" }).click();
    await expect(page.getByRole("heading", { name: /Step 5 of 6/ })).toBeVisible();

    await page.getByRole("combobox", { name: /^Virtual network/ }).selectOption(netName);
    await expect(page.getByRole("note")).toContainText(`${netName} is not active`);
    await page.getByRole("button", { name: `Start ${netName}` }).click();
    await expect(page.getByRole("note")).toHaveCount(0);
    expect(await lv.networks.isActive(net)).toBe(true);
    await expect(page.getByRole("combobox", { name: /^Virtual network/ }).locator("option", { hasText: netName })).toHaveText(netName);

    await page.getByLabel("Network source").selectOption("direct");
    expect(
      await page
        .getByRole("combobox", { name: /^Host interface/ })
        .locator("option")
        .count(),
    ).toBeGreaterThan(1);
    await expect(page.getByRole("combobox", { name: /^Device model/ })).toHaveValue("");
  } finally {
    await lv.networks.stop(net).catch(() => undefined);
    await lv.networks.undefine(net);
  }
});

test("wrong answers get field-level messages and create nothing: zero memory, a negative disk, a name with '<', a disk larger than the pool", async ({
  page,
}) => {
  const name = `e2e-wrong-${suffix}`;
  await openWizardOnLocalhost(page);
  await page.getByRole("radio", { name: "Network Boot (PXE)" }).check();
  for (let i = 0; i < 2; i++) await page.getByRole("button", { name: "Forward" }).click();

  await page.getByLabel(/^Memory \(MiB\)/).fill("0");
  await page.getByRole("button", { name: "Forward" }).click();
  await expect(page.getByText("At least 64 MiB")).toBeVisible();
  await page.getByLabel(/^Memory \(MiB\)/).fill("128");
  await page.getByRole("button", { name: "Forward" }).click();

  await page.getByLabel(/^Pool/).selectOption("default");
  await page.getByLabel("Size (GiB)").fill("-1");
  await page.getByRole("button", { name: "Forward" }).click();
  await expect(page.getByText("At least 64 MiB")).toBeVisible();
  // Larger than the pool, allocated now: only the server knows the pool's free space at Finish.
  await page.getByLabel("Size (GiB)").fill("60000");
  await page.getByLabel("Allocate entire disk now").check();
  await page.getByRole("button", { name: "Forward" }).click();
  await page.getByLabel("Network source").selectOption("none");
  await page.getByRole("button", { name: "Forward" }).click();

  await page.getByLabel("Name").fill("a<b");
  await expect(page.getByText("Letters, digits, '.', '_' and '-' only")).toBeVisible();
  await page.getByRole("button", { name: "Finish" }).click();
  await expect(page.getByRole("heading", { name: /Step 6 of 6/ })).toBeVisible();
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Finish" }).click();
  // Back on the storage step with the server's reason next to the size.
  await expect(page.getByRole("heading", { name: /Step 4 of 6/ })).toBeVisible();
  await expect(page.getByText("More than the pool's free space", { exact: true })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "Failed while creating the disk" })).toContainText(
    /default has .* free; the disk needs/,
  );

  expect((await lv.domains.list()).map((d) => d.name)).not.toContain(name);
  const volumes = (await lv.storage.listVolumes(await lv.storage.lookupPool("default"))).map((v) => v.name);
  expect(volumes.filter((v) => v.startsWith(name))).toEqual([]);
});

test("a network-install tree on a refused address shows the refusal; once an admin allows its network under Admin → Settings the tree is read", async ({
  page,
}) => {
  // Two tree servers on loopback addresses outside anything the e2e server allows by default.
  const treeinfo =
    "[general]\nfamily = Fedora\nversion = 37\narch = x86_64\nvariant = Server\n\n[images-x86_64]\nkernel = images/pxeboot/vmlinuz\ninitrd = images/pxeboot/initrd.img\n";
  const servers = await Promise.all(
    ["127.0.0.2", "127.0.0.3"].map(async (host) => {
      const server = createServer((req, res) => (req.url === "/tree/.treeinfo" ? res.end(treeinfo) : res.writeHead(404).end()));
      await new Promise<void>((r) => server.listen(0, host, r));
      return { server, url: `http://${host}:${(server.address() as AddressInfo).port}/tree/` };
    }),
  );
  const [allowed, refused] = servers.map((s) => s.url);
  const refusal = (url: string, address: string) =>
    `Could not fetch ${url}.treeinfo: ${address} is a loopback address (the console's own machine), so the console does not connect to it. An administrator can allow this network under Admin → Settings.`;
  const readTree = async (url: string) => {
    await page.getByRole("radio", { name: "Network install (HTTP, HTTPS, FTP, NFS)" }).check();
    await page.getByLabel(/^URL/).fill(url);
    await page.getByLabel(/^URL/).blur();
  };
  try {
    await openWizardOnLocalhost(page);
    await readTree(allowed);
    await expect(page.getByRole("status")).toHaveText(refusal(allowed, "127.0.0.2"));

    // Admin → Settings: a malformed network is refused in the form, then 127.0.0.2/32 alone is allowed.
    await page.goto("/admin/users");
    await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Settings" }).click();
    await expect(page.getByTestId("allowed-networks-source")).toHaveText(/^Not saved here yet/);
    const networks = page.getByRole("region", { name: "Networks the console may download from" });
    await page.getByLabel("Allowed networks").fill("127.0.0/8");
    await networks.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("“127.0.0/8” is not a network")).toBeVisible();
    await page.getByLabel("Allowed networks").fill("127.0.0.2");
    await networks.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("allowed-networks-source")).toHaveText("Saved by an administrator.");
    await expect(page.getByLabel("Allowed networks")).toHaveValue("127.0.0.2/32");

    await page.goto("/guests/new");
    await page.getByLabel("Host").selectOption({ label: "localhost" });
    await readTree(allowed);
    await expect(page.getByRole("status")).toHaveText(/^Detected: Fedora/);
    // The rest of loopback is still refused.
    await readTree(refused);
    await expect(page.getByRole("status")).toHaveText(refusal(refused, "127.0.0.3"));

    // "Use the default" forgets the saved list: the e2e server's FETCH_ALLOWED_NETWORKS applies again.
    await page.goto("/admin/settings");
    await networks.getByRole("button", { name: "Use the default" }).click();
    await expect(page.getByTestId("allowed-networks-source")).toHaveText(
      "Not saved here yet: this is the default from FETCH_ALLOWED_NETWORKS.",
    );
    await expect(page.getByLabel("Allowed networks")).toHaveValue(`${e2eMirrorAddress}/32`);
    await expect(networks.getByRole("button", { name: "Use the default" })).toHaveCount(0);
  } finally {
    // Later specs download from the e2e mirror address, which only the default allows.
    const admin = await apiAs("admin", adminPassword);
    expect((await admin.patch("/api/admin/settings", { data: { fetchAllowedNetworks: null } })).status()).toBe(200);
    await admin.dispose();
    for (const { server } of servers) server.close();
  }
});
