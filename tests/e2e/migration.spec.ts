// Live migration through the guest page's dialog, to a second libvirtd on this machine
// (tests/helpers/peer-daemon.ts): the preflight passes, progress shows, and the page follows the guest.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { Libvirt } from "../../lib/libvirt";
import { startPeerDaemon, type PeerDaemon } from "../helpers/peer-daemon";
import {
  ensureTestGuestImage,
  removeGuests,
  resolveVirtType,
  startPersistentTestGuest,
  testGuestXml,
  uniqueGuestName,
} from "../helpers/test-guest";
import { adminPassword, apiAs, localHostId, signIn } from "./fixtures";

let peer: PeerDaemon;
let lv: Libvirt;
let peerLv: Libvirt;
let admin: APIRequestContext;
let peerHostId: string | null = null;
const made: string[] = [];

test.beforeAll(async () => {
  test.setTimeout(240_000);
  peer = await startPeerDaemon();
  lv = await Libvirt.open("qemu:///system");
  peerLv = await Libvirt.open(peer.uri);
  admin = await apiAs("admin", adminPassword);
  const added = await admin.post("/api/hosts", { data: { kind: "tcp", name: "peer", address: peer.address } });
  expect(added.status(), await added.text()).toBe(200);
  peerHostId = ((await added.json()) as { id: string }).id;
});

test.afterAll(async () => {
  await removeGuests(lv, made).catch(() => undefined);
  await removeGuests(peerLv, made).catch(() => undefined);
  if (peerHostId) await admin.delete(`/api/hosts/${peerHostId}`);
  await admin?.dispose();
  await lv?.close();
  await peerLv?.close();
  await peer?.stop();
});

test("migrates a running guest live from its page, shows progress, lifts its bandwidth limit, and the page and console follow it to the new host", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const localId = await localHostId(admin);
  const guest = await startPersistentTestGuest(lv, { namePrefix: "vc-e2e-mig", memoryMiB: 128 });
  made.push(guest.name);
  const uuid = (await lv.domains.list()).find((d) => d.name === guest.name)!.uuid;

  await signIn(page, "admin", adminPassword);
  // From the guest list's row menu, which opens the guest's page with its migrate dialog.
  await page.goto("/guests");
  await page.getByLabel("Search guests").fill(guest.name);
  await page.getByRole("button", { name: `Actions for ${guest.name}` }).click();
  await page.getByRole("menuitem", { name: "Migrate…" }).click();
  await expect(page).toHaveURL(new RegExp(`/guests/${localId}/${uuid}\\?dialog=migrate$`));
  const dialog = page.getByRole("dialog", { name: `Migrate ${guest.name}` });
  // Other specs may leave hosts behind (hosts.spec's demo host): choose the peer, whatever comes first.
  await dialog.getByLabel("Destination host").selectOption(peerHostId!);
  await expect(dialog.getByLabel("Destination host")).toHaveValue(peerHostId!);
  await expect(dialog.getByLabel("Live (keeps running)")).toBeChecked();
  // A slow link (1 MiB/s) keeps the copy going long enough to watch it.
  await dialog.getByLabel("Bandwidth limit (MiB/s)").fill("1");
  const check = dialog.getByTestId("migration-check");
  await expect(check).toHaveAttribute("data-ok", "true", { timeout: 30_000 });
  await expect(dialog.getByLabel(/^Destination address for the source host/)).toHaveAttribute(
    "placeholder",
    `qemu+tcp://${peer.address}/system`,
  );
  await dialog.getByRole("button", { name: "Start migration" }).click();

  const progress = dialog.getByTestId("migration-progress");
  await expect(progress).toHaveAttribute("data-phase", "copying", { timeout: 60_000 });
  await expect(dialog.getByRole("progressbar", { name: "Migration progress" })).toHaveAttribute("aria-valuenow", /\d+/);
  await expect(dialog.getByRole("button", { name: "Cancel migration" })).toBeVisible();
  // The limit comes off while it runs, and the copy finishes at full speed.
  await dialog.getByLabel(/^New bandwidth limit/).fill("0");
  await dialog.getByRole("button", { name: "Apply limit" }).click();

  await expect(page).toHaveURL(new RegExp(`/guests/${peerHostId}/${uuid}$`), { timeout: 120_000 });
  await expect(page.getByRole("heading", { name: guest.name })).toBeVisible();
  await expect(page.getByText("on peer")).toBeVisible();
  await expect(page.getByTestId("state-badge")).toHaveText("Running");
  expect(await lv.domains.lookupByName(guest.name).catch(() => null)).toBeNull();
  // (The dialog's "No limit now." may be gone with the dialog by now: the audit log tells.)
  const speedRows = (await (await admin.get("/api/admin/audit?action=guest.migrate.speed")).json()) as {
    rows: { target: string; result: string; details: string }[];
  };
  expect(speedRows.rows.find((r) => r.target.includes(guest.name))).toMatchObject({ result: "ok" });
  // The console's page follows it too (a console left open, a bookmark).
  await page.goto(`/guests/${localId}/${uuid}/console`);
  await expect(page).toHaveURL(new RegExp(`/guests/${peerHostId}/${uuid}/console$`), { timeout: 30_000 });
  await expect(page.getByRole("tab", { name: "Display (VNC)" })).toBeVisible();
});

test("shows what is missing on the destination and keeps Start disabled", async ({ page }) => {
  const localId = await localHostId(admin);
  const name = uniqueGuestName("vc-e2e-mig-net");
  made.push(name);
  await lv.domains.define(
    testGuestXml(name, ensureTestGuestImage(), 96, await resolveVirtType(lv), undefined, {
      extraDevices: "<interface type='network'><source network='default'/></interface>",
    }),
  );
  const uuid = (await lv.domains.list()).find((d) => d.name === name)!.uuid;

  await signIn(page, "admin", adminPassword);
  await page.goto(`/guests/${localId}/${uuid}?dialog=migrate`);
  const dialog = page.getByRole("dialog", { name: `Migrate ${name}` });
  await dialog.getByLabel("Destination host").selectOption(peerHostId!);
  await expect(dialog.getByLabel("Offline (definition only)")).toBeChecked();
  const check = dialog.getByTestId("migration-check");
  await expect(check).toHaveAttribute("data-ok", "false", { timeout: 30_000 });
  await expect(check.locator("li[data-severity=blocking]")).toHaveText([
    "✗ Network “default” does not exist on peer. Create it there (same name), or change the guest's NIC.",
  ]);
  await expect(dialog.getByRole("button", { name: "Start migration" })).toBeDisabled();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page).toHaveURL(new RegExp(`/guests/${localId}/${uuid}$`));
});

test("cancelling from the dialog leaves the guest running on its host", async ({ page }) => {
  test.setTimeout(240_000);
  const localId = await localHostId(admin);
  const guest = await startPersistentTestGuest(lv, { namePrefix: "vc-e2e-mig-cancel", memoryMiB: 128 });
  made.push(guest.name);
  const uuid = (await lv.domains.list()).find((d) => d.name === guest.name)!.uuid;

  await signIn(page, "admin", adminPassword);
  await page.goto(`/guests/${localId}/${uuid}?dialog=migrate`);
  const dialog = page.getByRole("dialog", { name: `Migrate ${guest.name}` });
  await dialog.getByLabel("Destination host").selectOption(peerHostId!);
  await dialog.getByLabel("Bandwidth limit (MiB/s)").fill("1");
  await expect(dialog.getByTestId("migration-check")).toHaveAttribute("data-ok", "true", { timeout: 30_000 });
  await dialog.getByRole("button", { name: "Start migration" }).click();
  const progress = dialog.getByTestId("migration-progress");
  await expect(progress).toHaveAttribute("data-phase", "copying", { timeout: 60_000 });
  await dialog.getByRole("button", { name: "Cancel migration" }).click();

  await expect(progress).toHaveAttribute("data-status", "cancelled", { timeout: 60_000 });
  await expect(dialog.getByRole("status")).toHaveText("Migration cancelled: the guest stays on localhost.");
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(page).toHaveURL(new RegExp(`/guests/${localId}/${uuid}$`));
  await expect(page.getByTestId("state-badge")).toHaveText("Running");
  expect(await peerLv.domains.lookupByUuid(uuid).catch(() => null)).toBeNull();
});
