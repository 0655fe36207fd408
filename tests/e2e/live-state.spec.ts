import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { ensureTestGuestImage, removeGuests, resolveVirtType, testGuestXml, uniqueGuestName } from "../helpers/test-guest";
import { Libvirt } from "../../lib/libvirt";
import { adminPassword, signIn } from "./fixtures";

// A state change made outside the console reaches the open list from the event itself: with the list's re-reads
// refused, the row still follows (how fast is for bench:peers).
const name = uniqueGuestName("peers-live");
const virsh = (...args: string[]) => execFileSync("virsh", ["-c", "qemu:///system", "-q", ...args], { encoding: "utf8" });
let lv: Libvirt;

test.beforeAll(async () => {
  lv = await Libvirt.open("qemu:///system");
  await lv.domains.define(testGuestXml(name, ensureTestGuestImage(), 128, await resolveVirtType(lv)));
});

test.afterAll(async () => {
  await removeGuests(lv, [name]);
  await lv.close();
});

test("virsh start, suspend, resume and destroy change the list's row without a reload or a re-read", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "admin", adminPassword);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Guests" }).click();
  await page.getByRole("searchbox", { name: "Search guests" }).fill(name);
  const state = page.getByTestId("guest-row").filter({ hasText: name }).getByTestId("state-badge");
  await expect(state).toHaveAttribute("data-state", "shutoff");

  // From here on the list cannot be read again: only the events can move the row.
  let refused = 0;
  await page.route(/\/api\/guests(\?|$)/, (route) => {
    refused++;
    return route.abort();
  });
  const reloads: string[] = [];
  page.on("framenavigated", (f) => {
    if (f === page.mainFrame()) reloads.push(f.url());
  });

  virsh("start", name);
  await expect(state).toHaveAttribute("data-state", "running");
  virsh("suspend", name);
  await expect(state).toHaveAttribute("data-state", "paused");
  virsh("resume", name);
  await expect(state).toHaveAttribute("data-state", "running");
  virsh("destroy", name);
  await expect(state).toHaveAttribute("data-state", "shutoff");

  expect(reloads).toEqual([]);
  // The events still asked for the re-read (refused here), so the figures they do not carry follow too.
  expect(refused).toBeGreaterThan(0);
});
