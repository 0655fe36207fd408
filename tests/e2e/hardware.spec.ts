import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { Libvirt } from "../../lib/libvirt";
import { ensureTestGuestImage, removeGuests, resolveVirtType, testGuestXml, uniqueGuestName } from "../helpers/test-guest";
import { adminPassword, apiAs, createUser, signIn, localHostId } from "./fixtures";

// The Hardware and XML tabs against a real, shut-off guest: every change is checked in libvirt's saved definition.
const name = uniqueGuestName("e2e-hw");
let lv: Libvirt;
let uuid: string;
let hostId: string;

const dumpxml = () => execFileSync("virsh", ["-c", "qemu:///system", "dumpxml", "--inactive", name], { encoding: "utf8" });
const hardwareNav = (page: Page) => page.getByRole("navigation", { name: "Hardware" });

test.beforeAll(async () => {
  lv = await Libvirt.open("qemu:///system");
  // Two empty CD-ROM drives give the boot list two entries to order.
  const cdroms = ["hdc", "hdd"]
    .map((dev) => `<disk type='file' device='cdrom'><target dev='${dev}' bus='ide'/><readonly/></disk>`)
    .join("");
  await lv.domains.define(
    testGuestXml(name, ensureTestGuestImage(), 160, await resolveVirtType(lv)).replace("<devices>", `<devices>${cdroms}`),
  );
  uuid = (await lv.domains.list()).find((d) => d.name === name)!.uuid;
  const admin = await apiAs("admin", adminPassword);
  hostId = await localHostId(admin);
  await admin.dispose();
});

test.afterAll(async () => {
  await removeGuests(lv, [name]);
  await lv.close();
});

test("hardware tab: memory, CPUs, title and a watchdog added, edited and removed, all saved in libvirt", async ({ page }) => {
  await signIn(page, "admin", adminPassword);
  await page.goto(`/guests/${hostId}/${uuid}`);
  await page.getByRole("tab", { name: "Hardware" }).click();
  await expect(page).toHaveURL(/\?tab=hardware/);
  await expect(page.getByRole("tab", { name: "Hardware" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("definition").filter({ hasText: uuid })).toBeVisible();

  // General: the title reaches the saved definition.
  const before = await page.getByTestId("hardware-page").getAttribute("data-etag");
  await page.getByLabel("Title", { exact: true }).fill("Hardware tab test");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect.poll(dumpxml).toContain("<title>Hardware tab test</title>");
  // The page re-reads the changed definition (and starts its forms afresh) before the next edits are typed.
  await expect(page.getByTestId("hardware-page")).not.toHaveAttribute("data-etag", before!);

  // Memory: the shared schema refuses current above maximum before anything is sent.
  await hardwareNav(page).getByRole("button", { name: "Memory", exact: true }).click();
  await expect(page).toHaveURL(/item=memory/);
  await page.getByLabel("Current allocation").fill("512");
  await page.getByLabel("Maximum allocation").fill("256");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("Current memory cannot exceed the maximum")).toBeVisible();
  await page.getByLabel("Current allocation").fill("192");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect.poll(dumpxml).toMatch(/<memory unit='KiB'>262144<\/memory>/);
  expect(dumpxml()).toMatch(/<currentMemory unit='KiB'>196608<\/currentMemory>/);

  // The page survives a reload on the same item.
  await page.reload();
  await expect(page.getByLabel("Maximum allocation")).toHaveValue("256");

  // CPUs: two vCPUs with a manual topology that must multiply up to the maximum.
  await hardwareNav(page).getByRole("button", { name: "CPUs" }).click();
  await page.getByLabel("Maximum vCPUs").fill("2");
  await page.getByLabel("Current vCPUs").fill("2");
  await page.getByLabel("Manually set topology").check();
  await page.getByLabel("Cores").fill("1");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("Sockets × cores × threads must equal the maximum vCPUs")).toBeVisible();
  await page.getByLabel("Sockets").fill("2");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect.poll(dumpxml).toMatch(/<vcpu placement='static'>2<\/vcpu>/);
  expect(dumpxml()).toMatch(/<topology sockets='2'[^>]*cores='1'[^>]*threads='1'/);

  // Add hardware: a watchdog from its form's defaults with one field changed.
  await page.getByRole("button", { name: "Add hardware" }).click();
  const dialog = page.getByRole("dialog", { name: "Add new virtual hardware" });
  await dialog.getByRole("button", { name: "Watchdog" }).click();
  await dialog.getByLabel("Action").selectOption("pause");
  const beforeAdd = await page.getByTestId("hardware-page").getAttribute("data-etag");
  await dialog.getByRole("button", { name: "Finish" }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(dumpxml).toMatch(/<watchdog model='i6300esb' action='pause'/);
  await expect(page.getByTestId("hardware-page")).not.toHaveAttribute("data-etag", beforeAdd!);

  // Its page edits it, then removes it after a confirmation.
  await hardwareNav(page)
    .getByRole("button", { name: /Watchdog/ })
    .click();
  await expect(page.getByLabel("Action")).toHaveValue("pause");
  await page.getByLabel("Action").selectOption("poweroff");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect.poll(dumpxml).toMatch(/<watchdog model='i6300esb' action='poweroff'/);
  await page.getByRole("button", { name: "Remove", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove device" }).click();
  await expect.poll(dumpxml).not.toContain("<watchdog");
  await expect(hardwareNav(page).getByRole("button", { name: /Watchdog/ })).toHaveCount(0);
});

test("an edit in progress is kept when the definition changes elsewhere, until the person saves or asks for the new one", async ({
  page,
}) => {
  /** Defines the guest again outside the console with its description replaced or, with none, removed (libvirt's define event reaches the page). */
  const defineElsewhere = (description?: string) => {
    const file = path.join(os.tmpdir(), `${name}-elsewhere.xml`);
    const xml = dumpxml().replace(/\s*<description>[^<]*<\/description>/, "");
    const set = description === undefined ? "" : `<description>${description}</description>`;
    writeFileSync(file, xml.replace(`<name>${name}</name>`, `<name>${name}</name>${set}`));
    execFileSync("virsh", ["-c", "qemu:///system", "define", file]);
  };
  await signIn(page, "admin", adminPassword);
  await page.goto(`/guests/${hostId}/${uuid}?tab=hardware`);
  const title = page.getByLabel("Title", { exact: true });
  const description = page.getByLabel("Description", { exact: true });
  const changed = page.getByRole("status").filter({ hasText: "changed elsewhere while you were editing" });

  // Typed, not applied; virsh changes the description meanwhile: the typing stays, the page says why.
  await title.fill("typed before virsh");
  defineElsewhere("first change elsewhere");
  await expect(changed).toBeVisible();
  await expect(title).toHaveValue("typed before virsh");
  await expect(description).not.toHaveValue("first change elsewhere");
  // Applying it meets the server's check: a conflict, nothing saved, and the page shows the current definition.
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The page now shows the current definition." })).toBeVisible();
  await expect(description).toHaveValue("first change elsewhere");
  await expect(changed).toHaveCount(0);
  expect(dumpxml()).not.toContain("typed before virsh");
  // The page has finished re-reading ("Applying…" is "Apply" again): typing during the re-read is not held.
  await expect(page.getByRole("button", { name: "Apply", exact: true })).toBeVisible();

  // Again, now choosing to see the new definition: the typing goes, the new description shows.
  await title.fill("typed, then dropped");
  defineElsewhere("second change elsewhere");
  await changed.getByRole("button", { name: "Show the current definition (drop my changes)" }).click();
  await expect(description).toHaveValue("second change elsewhere");
  await expect(title).not.toHaveValue("typed, then dropped");
  await expect(changed).toHaveCount(0);
  // The guest as the later tests expect it: no description (the XML tab test adds one).
  defineElsewhere();
});

test("add hardware: a VirtIO VSOCK device with a fixed CID, shown on its own page, then made automatic and removed", async ({ page }) => {
  await signIn(page, "admin", adminPassword);
  await page.goto(`/guests/${hostId}/${uuid}?tab=hardware`);
  await page.getByRole("button", { name: "Add hardware" }).click();
  const dialog = page.getByRole("dialog", { name: "Add new virtual hardware" });
  await dialog.getByRole("button", { name: "VirtIO VSOCK" }).click();
  await dialog.getByLabel("Guest CID").selectOption("fixed");
  // The shared schema asks for the number before anything is sent.
  await dialog.getByRole("button", { name: "Finish" }).click();
  await expect(dialog.getByText("Enter the guest's CID")).toBeVisible();
  await dialog.getByLabel("CID", { exact: true }).fill("2");
  await dialog.getByRole("button", { name: "Finish" }).click();
  await expect(dialog.getByText("A number from 3 to 4294967294")).toBeVisible();
  await dialog.getByLabel("CID", { exact: true }).fill("42");
  await dialog.getByRole("button", { name: "Finish" }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(dumpxml).toMatch(/<vsock model='virtio'>\s*<cid auto='no' address='42'\/>/);

  await hardwareNav(page).getByRole("button", { name: "VirtIO VSOCK" }).click();
  await expect(page.getByText("CID 42", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Guest CID")).toHaveValue("fixed");
  await page.getByLabel("Guest CID").selectOption("auto");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect.poll(dumpxml).toMatch(/<cid auto='yes'\/>/);
  await page.getByRole("button", { name: "Remove", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove device" }).click();
  await expect.poll(dumpxml).not.toContain("<vsock");
  await expect(hardwareNav(page).getByRole("button", { name: "VirtIO VSOCK" })).toHaveCount(0);
});

/** The `<boot order>` of each disk in the saved definition, by target. */
const diskBootOrder = () =>
  Object.fromEntries(
    dumpxml()
      .split("<disk ")
      .slice(1)
      .map((d) => [/<target dev='(\w+)'/.exec(d)![1], /<boot order='(\d+)'/.exec(d.split("</disk>")[0])?.[1] ?? null]),
  );

test("boot options: devices ticked and ordered with the Move buttons and by dragging", async ({ page }) => {
  await signIn(page, "admin", adminPassword);
  await page.goto(`/guests/${hostId}/${uuid}?tab=hardware&item=boot`);
  const list = page.getByRole("list", { name: "Boot order" });
  const rows = list.getByRole("listitem");
  await expect(rows).toHaveCount(2);
  // The test guest is defined with BIOS firmware; the page says so without offering a switch.
  await expect(page.getByTestId("boot-firmware")).toContainText("Firmware: BIOS");
  await rows.nth(0).getByRole("checkbox").check();
  await rows.nth(1).getByRole("checkbox").check();
  // The first row (hdc) goes below the second: hdd boots first.
  await rows
    .nth(0)
    .getByRole("button", { name: /Move down/ })
    .click();
  await expect(rows.nth(0).getByRole("button", { name: /Move up/ })).toBeDisabled();
  await page.getByRole("button", { name: "Apply" }).click();
  await expect.poll(diskBootOrder).toEqual({ hdc: "2", hdd: "1" });

  // Dragging the second row onto the first swaps them back; unticking one takes it out of the order.
  // After Apply the page remounts on the re-read definition, whenever that arrives; a fresh load
  // starts from the saved order without that race, and a drag that still lands early is repeated.
  await expect(page.getByRole("button", { name: "Apply" })).toBeDisabled();
  await page.reload();
  await expect(rows.nth(0)).toContainText("hdd");
  await expect(page.getByRole("button", { name: "Apply" })).toBeDisabled();
  await expect(async () => {
    await rows.nth(1).dragTo(rows.nth(0));
    await expect(rows.nth(0)).toContainText("hdc", { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await rows.nth(1).getByRole("checkbox").uncheck();
  await page.getByRole("button", { name: "Apply" }).click();
  await expect.poll(diskBootOrder).toEqual({ hdc: "1", hdd: null });
});

test("XML tab: a preview of the changed lines, libvirt's refusal shown as it is, then a define", async ({ page }) => {
  await signIn(page, "admin", adminPassword);
  await page.goto(`/guests/${hostId}/${uuid}?tab=xml`);
  const editor = page.getByLabel("Domain XML");
  await expect(editor).toHaveValue(new RegExp(`<name>${name}</name>`));
  const original = await editor.inputValue();

  // Renaming is refused with the server's own message.
  await editor.fill(original.replace(`<name>${name}</name>`, `<name>${name}-renamed</name>`));
  await page.getByRole("button", { name: "Define" }).click();
  const refusal = page.getByRole("alert").filter({ hasText: "The XML was not defined" });
  await expect(refusal).toContainText("Rename the guest with its Rename action");

  // libvirt's schema validation error, verbatim.
  await editor.fill(original.replace("<vcpu", "<vcpu bogus='1'"));
  await page.getByRole("button", { name: "Define" }).click();
  await expect(refusal).not.toContainText("Rename");
  await expect(refusal).toContainText(/failed to validate against schema/i);

  await editor.fill(original.replace(`<name>${name}</name>`, `<name>${name}</name>\n  <description>set in the XML tab</description>`));
  await page.getByRole("button", { name: "Preview changes" }).click();
  const diff = page.getByRole("region", { name: "XML changes" });
  await expect(diff).toContainText("<description>set in the XML tab</description>");
  await expect(diff.locator("tr[data-kind=added]")).toHaveCount(1);
  await expect(diff.locator("tr[data-kind=removed]")).toHaveCount(0);
  await page.getByRole("button", { name: "Define" }).click();
  await expect.poll(dumpxml).toContain("<description>set in the XML tab</description>");
  await expect(page.getByRole("button", { name: "Define" })).toBeDisabled();
});

test("a running guest: a change libvirt cannot make live waits for shutdown; a refused hot-plug can be added for the next boot", async ({
  page,
}) => {
  execFileSync("virsh", ["-c", "qemu:///system", "start", name]);
  await signIn(page, "admin", adminPassword);
  await page.goto(`/guests/${hostId}/${uuid}?tab=hardware&item=memory`);

  // Without a balloon the running guest keeps its memory: saved, with libvirt's reason, and listed as pending.
  const current = Number(await page.getByLabel("Current allocation").inputValue());
  await page.getByLabel("Current allocation").fill(String(current - 16));
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved. Applies after the guest shuts down:" })).toBeVisible();
  await expect.poll(dumpxml).toContain(`<currentMemory unit='KiB'>${(current - 16) * 1024}</currentMemory>`);
  const banner = page.getByRole("status", { name: "Pending changes" });
  await expect(banner).toContainText("Some changes apply after the guest shuts down");
  await expect(banner).toContainText("Memory");
  await expect(page.getByRole("navigation", { name: "Hardware" }).getByRole("button", { name: /^Memory( pending)?$/ })).toContainText(
    "pending",
  );

  // An ISA watchdog cannot be plugged into a running guest: libvirt's refusal, then the offer to save it for the next boot.
  await page.getByRole("button", { name: "Add hardware" }).click();
  const dialog = page.getByRole("dialog", { name: "Add new virtual hardware" });
  await dialog.getByRole("button", { name: "Watchdog" }).click();
  await dialog.getByLabel("Model").selectOption("ib700");
  await dialog.getByRole("button", { name: "Finish" }).click();
  await expect(dialog.getByRole("alert")).toContainText("libvirt could not change the running guest");
  expect(dumpxml()).not.toContain("<watchdog");
  await dialog.getByRole("button", { name: "Add it for the next boot" }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(dumpxml).toMatch(/<watchdog model='ib700'/);
  await expect(page.getByRole("status").filter({ hasText: "Saved. Applies after the guest shuts down:" })).toBeVisible();
  await expect(banner).toContainText("Watchdog (added)");
});

test("a viewer sees the hardware and the XML read-only; helpdesk staff do not get the tabs", async ({ page }) => {
  const admin = await apiAs("admin", adminPassword);
  const viewer = await createUser(admin, "hw-viewer", { role: "viewer", scope: "host", hostId });
  const helpdesk = await createUser(admin, "hw-helpdesk", { role: "helpdesk", scope: "guest", hostId, guestUuid: uuid });
  await admin.dispose();

  await signIn(page, viewer.username, viewer.password);
  await page.goto(`/guests/${hostId}/${uuid}?tab=hardware&item=memory`);
  await expect(page.getByLabel("Maximum allocation")).toBeDisabled();
  await expect(page.getByRole("button", { name: "Apply" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Add hardware" })).toHaveCount(0);
  await page.getByRole("tab", { name: "XML" }).click();
  await expect(page.getByLabel("Domain XML")).toHaveAttribute("readonly", "");
  await expect(page.getByRole("button", { name: "Define" })).toHaveCount(0);

  await page.context().clearCookies();
  await signIn(page, helpdesk.username, helpdesk.password);
  await page.goto(`/guests/${hostId}/${uuid}?tab=hardware`);
  await expect(page.getByRole("tab", { name: "Overview" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tab", { name: "Hardware" })).toHaveCount(0);
  await expect(page.getByRole("tab", { name: "XML" })).toHaveCount(0);
});

test("add hardware from the host's lists: a disk on a new volume (then grown) and a NIC on the default network", async ({ page }) => {
  await signIn(page, "admin", adminPassword);
  await page.goto(`/guests/${hostId}/${uuid}?tab=hardware`);
  const dialog = page.getByRole("dialog", { name: "Add new virtual hardware" });

  await page.getByRole("button", { name: "Add hardware" }).click();
  await dialog.getByRole("button", { name: "Storage" }).click();
  await dialog.getByLabel("Source", { exact: true }).selectOption("new");
  // The pool list comes from the host; wait for it before picking.
  await expect(dialog.getByLabel("Pool").locator("option", { hasText: /^default \(.* GiB free\)$/ })).toHaveCount(1);
  await dialog.getByLabel("Pool").selectOption("default");
  await dialog.getByLabel("Size").fill("0.25");
  await dialog.getByRole("button", { name: "Finish" }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(dumpxml).toMatch(new RegExp(`<source file='[^']*/${name}-vda\\.qcow2'/>\\s*<target dev='vda' bus='virtio'/>`));
  const volume = /<source file='([^']*-vda\.qcow2)'/.exec(dumpxml())![1];
  try {
    // The disk's page grows the new volume.
    await hardwareNav(page)
      .getByRole("button", { name: /Disk vda/ })
      .click();
    const resize = page.getByRole("form", { name: "Resize disk" });
    await resize.getByLabel("New size").fill("0.5");
    await resize.getByRole("button", { name: "Resize" }).click();
    await expect
      .poll(() => execFileSync("virsh", ["-c", "qemu:///system", "vol-info", volume, "--bytes"], { encoding: "utf8" }))
      .toMatch(/Capacity:\s+536870912 bytes/);

    await page.getByRole("button", { name: "Add hardware" }).click();
    await dialog.getByRole("button", { name: "Network" }).click();
    await expect(dialog.getByLabel("Network", { exact: true }).locator("option", { hasText: /^default/ })).toHaveCount(1);
    await dialog.getByLabel("Network", { exact: true }).selectOption("default");
    await dialog.getByLabel("MAC address").fill("52:54:00:e2:e0:01");
    await dialog.getByRole("button", { name: "Finish" }).click();
    await expect(dialog).toBeHidden();
    await expect.poll(dumpxml).toMatch(/<interface type='network'>\s*<mac address='52:54:00:e2:e0:01'\/>\s*<source network='default'\/>/);
    await hardwareNav(page)
      .getByRole("button", { name: /NIC 52:54:00:e2:e0:01/ })
      .click();
    // The page follows the URL (a soft navigation): Remove on the NIC's own page, not the disk's still shown.
    await page.getByRole("form", { name: "NIC 52:54:00:e2:e0:01" }).getByRole("button", { name: "Remove", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Remove device" }).click();
    // The guest runs (the test before started it): libvirt waits for it to let go of the NIC, which a busy machine makes slow.
    await expect.poll(dumpxml, { timeout: 30_000 }).not.toContain("52:54:00:e2:e0:01");
  } finally {
    execFileSync("virsh", ["-c", "qemu:///system", "vol-delete", volume]);
  }
});
