import { execFileSync } from "node:child_process";
import { expect, test, type Page, type Response } from "@playwright/test";
import { Libvirt } from "../../lib/libvirt";
import type { VolumeRef } from "../../lib/libvirt/api/storage";
import { labelledIso, uploadToDefaultPool } from "../helpers/iso-volume";
import { startPersistentTestGuest, type RunningTestGuest } from "../helpers/test-guest";
import { adminPassword, apiAs, createUser, localHostId, signIn } from "./fixtures";

// Rough edges a new user met, each seen the way they met it in the browser: the wizard's lists and words,
// Add hardware, a refusal out of sight, a paused guest without a reason, a viewer's console full of
// 403s, the favicon, a removed host's events and where Sign out is. One running test guest for all.
const suffix = Date.now().toString(36);
const isoName = `e2e-edges-${suffix}.iso`;
const diskName = `e2e-edges-${suffix}.qcow2`;
let lv: Libvirt;
let guest: RunningTestGuest;
let uuid: string;
let hostId: string;
const made: VolumeRef[] = [];

const virsh = (...args: string[]) => execFileSync("virsh", ["-c", "qemu:///system", ...args], { encoding: "utf8" });

/** Every response the page gets with this status, from now on. */
function collect(page: Page, status: number): string[] {
  const seen: string[] = [];
  page.on("response", (r: Response) => {
    if (r.status() === status) seen.push(r.url());
  });
  return seen;
}

test.beforeAll(async () => {
  lv = await Libvirt.open("qemu:///system");
  made.push(await uploadToDefaultPool(lv, isoName, labelledIso("E2E_EDGES")));
  const pool = await lv.storage.lookupPool("default");
  made.push(
    await lv.storage.createVolume(
      pool,
      `<volume><name>${diskName}</name><capacity unit='MiB'>16</capacity><target><format type='qcow2'/></target></volume>`,
    ),
  );
  guest = await startPersistentTestGuest(lv, { namePrefix: "e2e-edges", waitForBoot: false });
  uuid = (await lv.domains.list()).find((d) => d.name === guest.name)!.uuid;
  const admin = await apiAs("admin", adminPassword);
  hostId = await localHostId(admin);
  await admin.dispose();
});

test.afterAll(async () => {
  await guest?.cleanup();
  for (const vol of made) await lv.storage.deleteVolume(vol).catch(() => undefined);
  await lv.close();
});

test("the wizard starts on this machine, lists CD images as install media, says what the guest runs on and folds QEMU's machine types", async ({
  page,
}) => {
  const admin = await apiAs("admin", adminPassword);
  // A host whose name sorts before "localhost".
  const added = await admin.post("/api/hosts", { data: { kind: "test", name: `aaa-edges-${suffix}` } });
  expect(added.status(), await added.text()).toBe(200);
  const demoId = ((await added.json()) as { id: string }).id;
  try {
    await signIn(page, "admin", adminPassword);
    await page.goto("/guests/new");
    await expect(page.getByLabel("Host")).toHaveValue(hostId);

    await page.getByLabel(/^Pool/).selectOption("default");
    const isoPicker = page.getByRole("combobox", { name: /^ISO image/ });
    await expect(isoPicker.locator("option", { hasText: isoName })).toHaveCount(1);
    await expect(isoPicker.locator("option", { hasText: diskName })).toHaveCount(0);
    await page.getByLabel("Import existing disk image").check();
    await page.getByLabel(/^Pool/).selectOption("default");
    const diskPicker = page.getByRole("combobox", { name: /^Disk image/ });
    await expect(diskPicker.locator("option", { hasText: diskName })).toHaveCount(1);
    await expect(diskPicker.locator("option", { hasText: isoName })).toHaveCount(0);

    await page.getByText("Architecture options").click();
    const virtType = page.getByLabel("Virt Type");
    const hostHasKvm = (await virtType.locator("option").count()) === 2;
    if (hostHasKvm) {
      await expect(virtType.locator("option")).toHaveText(["KVM (hardware virtualization)", "Emulation (TCG)"]);
      await expect(page.getByTestId("virt-type")).toHaveText("This guest will use KVM (hardware virtualization).");
      await virtType.selectOption({ label: "Emulation (TCG)" });
      await expect(page.getByTestId("virt-type")).toContainText("This guest will run emulated (TCG)");
    } else {
      await expect(page.getByTestId("virt-type")).toContainText("guests run emulated (TCG)");
    }
    const machine = page.getByLabel("Machine Type");
    await expect(machine.locator("option")).toHaveText(["Chosen for the OS", "q35", "pc"]);
    await page.getByRole("checkbox", { name: /Show all machine types/ }).check();
    await expect(machine.locator("optgroup[label='Special purpose'] option", { hasText: "microvm" })).toHaveCount(1);
    expect(await machine.locator("optgroup[label='Pinned to one QEMU version'] option").count()).toBeGreaterThan(2);
  } finally {
    await admin.delete(`/api/hosts/${demoId}`);
    await admin.dispose();
  }

  // The new volume dialog does not offer an installer ISO as a backing volume.
  await page.goto(`/storage/${hostId}/default`);
  await page.getByRole("button", { name: "New volume…" }).click();
  const backing = page.getByRole("dialog").getByLabel("Backing volume");
  await expect(backing.locator("option", { hasText: diskName })).toHaveCount(1);
  await expect(backing.locator("option", { hasText: isoName })).toHaveCount(0);
});

test("Add hardware opens on Storage, lists each controller type's own models, and shows libvirt's refusal where it is seen", async ({
  page,
}) => {
  await signIn(page, "admin", adminPassword);
  await page.goto(`/guests/${hostId}/${uuid}?tab=hardware`);
  await page.getByRole("button", { name: "Add hardware" }).click();
  const dialog = page.getByRole("dialog", { name: "Add new virtual hardware" });
  await expect(dialog.getByRole("button", { name: "Storage" })).toHaveAttribute("aria-current", "true");

  await dialog.getByRole("button", { name: "Controller" }).click();
  await expect(dialog.getByLabel("Type")).toHaveValue("scsi");
  await expect(dialog.getByLabel("Model").locator("option")).toHaveText(["virtio-scsi", "lsilogic"]);
  await dialog.getByLabel("Type").selectOption("usb");
  await expect(dialog.getByLabel("Model")).toHaveValue("qemu-xhci");
  await expect(dialog.getByLabel("Model").locator("option")).toHaveText(["qemu-xhci", "nec-xhci", "ich9-ehci1", "piix3-uhci", "none"]);

  // An IDE CD-ROM cannot be plugged into a running guest; the long Storage form must not hide why.
  await dialog.getByRole("button", { name: "Storage" }).click();
  await dialog.getByLabel("Device type").selectOption("cdrom");
  await dialog.getByLabel("Source", { exact: true }).selectOption("none");
  await dialog.getByLabel("Bus type").selectOption("ide");
  await dialog.getByRole("button", { name: "Finish" }).click();
  const refusal = dialog.getByRole("alert");
  await expect(refusal).toContainText("libvirt could not change the running guest");
  await expect(refusal).toBeInViewport();
  await expect(refusal.getByRole("button", { name: "Add it for the next boot" })).toBeInViewport();
  await dialog.getByRole("button", { name: "Cancel" }).click();
});

test("a guest QEMU paused without a reason says so, with QEMU's last log lines for its managers; a viewer is never refused", async ({
  page,
}) => {
  const admin = await apiAs("admin", adminPassword);
  const viewer = await createUser(admin, "edges-viewer", { role: "viewer", scope: "host", hostId });
  await admin.dispose();
  virsh("qemu-monitor-command", guest.name, "--hmp", "stop");
  try {
    await signIn(page, "admin", adminPassword);
    await page.goto(`/guests/${hostId}/${uuid}`);
    const notice = page.getByRole("region", { name: "Why the guest stopped" });
    await expect(notice).toContainText("Paused: QEMU stopped the guest without telling libvirt why");
    await expect(notice.getByLabel("QEMU log")).toContainText(/\S/);
    await expect(notice).toContainText(`/var/log/libvirt/qemu/${guest.name}.log`);

    await page.context().clearCookies();
    const refused = collect(page, 403);
    await signIn(page, viewer.username, viewer.password);
    await page.goto(`/guests/${hostId}/${uuid}`);
    await expect(notice).toContainText("Paused: QEMU stopped the guest without telling libvirt why");
    await expect(notice.getByLabel("QEMU log")).toHaveCount(0);
    // The hardware tab and a device page with host lists (the display's) read without asking for what only managers get.
    await page.getByRole("tab", { name: "Hardware" }).click();
    await page
      .getByRole("navigation", { name: "Hardware" })
      .getByRole("button", { name: /^Display/ })
      .click();
    await expect(page.getByLabel("Type", { exact: true })).toBeDisabled();
    await page.waitForLoadState("networkidle");
    expect(refused).toEqual([]);
  } finally {
    virsh("resume", guest.name);
  }
});

test("the console has a favicon, and Sign out and the theme switch are under your name at the bottom of the sidebar", async ({ page }) => {
  const ico = await page.request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  expect(ico.headers()["content-type"]).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
  await signIn(page, "admin", adminPassword);
  await expect(page.locator("link[rel='icon']").first()).toHaveAttribute("href", /icon/);

  const sidebar = page.locator("aside");
  const you = sidebar.getByRole("button", { name: /admin/ });
  const signOut = sidebar.getByRole("menuitem", { name: "Sign out" });
  // A click before React has hydrated the shell does nothing; click again until the menu is open.
  await expect(async () => {
    if ((await you.getAttribute("aria-expanded")) !== "true") await you.click();
    await expect(signOut).toBeVisible({ timeout: 1000 });
  }).toPass();
  await expect(sidebar.getByRole("button", { name: /^Theme: / })).toBeVisible();
  const nav = await sidebar.getByRole("navigation", { name: "Main" }).boundingBox();
  const item = await signOut.boundingBox();
  expect(item!.y).toBeGreaterThan(nav!.y + nav!.height - 1);
});

test("recent events name a host removed since by its name, not its id", async ({ page }) => {
  const admin = await apiAs("admin", adminPassword);
  const name = `gone-${suffix}`;
  const added = await admin.post("/api/hosts", { data: { kind: "test", name } });
  expect(added.status(), await added.text()).toBe(200);
  const id = ((await added.json()) as { id: string }).id;
  // Connected once (its guests listed), then removed: a disconnect of a host nobody lists any more.
  await expect.poll(async () => (await admin.get(`/api/guests?hostId=${id}`)).status()).toBe(200);
  await expect
    .poll(
      async () =>
        ((await (await admin.get("/api/hosts")).json()) as { hosts: { id: string; status: { state: string } | null }[] }).hosts.find(
          (h) => h.id === id,
        )?.status?.state,
    )
    .toBe("connected");
  expect((await admin.delete(`/api/hosts/${id}`)).status()).toBe(200);
  await admin.dispose();

  await signIn(page, "admin", adminPassword);
  const events = page.getByRole("region", { name: "Recent events" });
  await expect(events).toContainText(`${name} disconnected`);
  await expect(events).not.toContainText(id);
});
