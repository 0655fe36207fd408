import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { Libvirt } from "../../lib/libvirt";
import { ensureTestGuestImage, removeGuests, resolveVirtType, testGuestXml, uniqueGuestName } from "../helpers/test-guest";
import { adminPassword, apiAs, localHostId, signIn } from "./fixtures";

// Two shut-off guests; one is tagged in the browser, then the list is filtered and selected by the tag.
const tagged = uniqueGuestName("tags-e2e");
const other = uniqueGuestName("tags-e2e");
const tag = `tags-e2e-${randomBytes(3).toString("hex")}`;
let lv: Libvirt;
let uuid: string;

const virsh = (...args: string[]) => execFileSync("virsh", ["-c", "qemu:///system", "-q", ...args], { encoding: "utf8" });

test.beforeAll(async () => {
  lv = await Libvirt.open("qemu:///system");
  const type = await resolveVirtType(lv);
  for (const name of [tagged, other]) await lv.domains.define(testGuestXml(name, ensureTestGuestImage(), 128, type));
  uuid = (await lv.domains.list()).find((d) => d.name === tagged)!.uuid;
});

test.afterAll(async () => {
  await removeGuests(lv, [tagged, other]);
  await lv.close();
});

test("tagging a guest on its page, then filtering and selecting the list by the tag", async ({ page }) => {
  const hostId = await localHostId(await apiAs("admin", adminPassword));
  await signIn(page, "admin", adminPassword);
  await page.goto(`/guests/${encodeURIComponent(hostId)}/${uuid}`);

  await page.getByRole("button", { name: "Edit tags" }).click();
  const field = page.getByRole("textbox", { name: `Tags of ${tagged}` });
  await field.fill("bad tag:x");
  await page.getByRole("button", { name: "Save tags" }).click();
  await expect(page.getByText(/Use letters, digits, dots, dashes or underscores/)).toBeVisible();
  await field.fill(`Web, ${tag}`);
  await page.getByRole("button", { name: "Save tags" }).click();
  const chips = page.getByRole("list", { name: `Tags of ${tagged}` });
  await expect(chips.getByRole("listitem")).toHaveText([tag, "web"]);
  // Where other tools see them: the guest's own definition, under the console's namespace.
  expect(virsh("dumpxml", tagged)).toContain(`<console:tag>${tag}</console:tag>`);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Guests" }).click();
  const search = page.getByRole("searchbox", { name: "Search guests" });
  await search.fill(`tag:${tag}`);
  const rows = page.getByTestId("guest-row");
  await expect(rows.filter({ hasText: tagged })).toHaveCount(1);
  await expect(rows).toHaveCount(1);

  // The tag's button does the same as typing it: off shows both test guests again, on narrows to the tagged one.
  const toggle = page.getByRole("group", { name: "Filter by tag" }).getByRole("button", { name: `#${tag} (1)` });
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await toggle.click();
  await search.fill("tags-e2e");
  await expect(rows.filter({ hasText: other })).toHaveCount(1);
  await toggle.click();
  await expect(search).toHaveValue(`tags-e2e tag:${tag}`);
  await expect(rows).toHaveCount(1);

  await page.getByRole("button", { name: "Select this guest" }).click();
  await expect(page.getByRole("region", { name: "Bulk actions" })).toContainText("1 selected");
});
