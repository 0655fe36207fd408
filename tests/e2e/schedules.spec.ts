import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { adminPassword, apiAs, signIn } from "./fixtures";

// The Schedules page: an expression that never comes is refused with the reason; a tag schedule from a preset
// shows its next times, and goes when removed.
const tag = `tags-sched-${randomBytes(3).toString("hex")}`;

test("making, refusing and removing a schedule on the Schedules page", async ({ page }) => {
  await signIn(page, "admin", adminPassword);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Schedules" }).click();
  await expect(page.getByRole("heading", { name: "Schedules", level: 1 })).toBeVisible();

  const form = page.getByRole("form", { name: "New schedule" });
  await form.getByRole("combobox", { name: "What it does" }).selectOption("start");
  await form.getByRole("combobox", { name: "On", exact: true }).selectOption("tag");
  await form.getByRole("textbox", { name: "Tag", exact: true }).fill(tag);
  await form.getByRole("combobox", { name: /^When/ }).selectOption("");
  await form.getByRole("textbox", { name: "Cron expression" }).fill("0 0 30 2 *");
  await form.getByRole("textbox", { name: /^Time zone/ }).fill("UTC");
  await form.getByRole("button", { name: "Make schedule" }).click();
  await expect(form.getByText(/This schedule never comes/).first()).toBeVisible();
  const api = await apiAs("admin", adminPassword);
  const mine = async () => ((await (await api.get("/api/schedules")).json()) as { label: string }[]).filter((s) => s.label.includes(tag));
  expect(await mine()).toEqual([]);

  await form.getByRole("combobox", { name: /^When/ }).selectOption("daily");
  await form.getByRole("button", { name: "Make schedule" }).click();
  const item = page.getByRole("listitem").filter({ hasText: `Start guests tagged ${tag}` });
  await expect(item).toContainText("Next:");
  await expect(item).toContainText("No runs yet.");
  expect(await mine()).toHaveLength(1);

  await item.getByRole("button", { name: "Remove" }).click();
  await expect(item).toHaveCount(0);
  expect(await mine()).toEqual([]);
});

test("a backup schedule keeps the last N and the newest point of so many days, weeks and months", async ({ page }) => {
  await signIn(page, "admin", adminPassword);
  await page.goto("/schedules");
  const form = page.getByRole("form", { name: "New schedule" });
  await form.getByRole("combobox", { name: "What it does" }).selectOption("backup");
  await form.getByRole("combobox", { name: "On", exact: true }).selectOption("tag");
  await form.getByRole("textbox", { name: "Tag", exact: true }).fill(`${tag}-b`);
  await form.getByRole("textbox", { name: /^Backup pool/ }).fill("backups");
  await form.getByRole("spinbutton", { name: /^Restore points to keep/ }).fill("3");
  await form.getByRole("spinbutton", { name: /^Daily points to keep/ }).fill("7");
  await form.getByRole("spinbutton", { name: /^Weekly points to keep/ }).fill("4");
  await form.getByRole("spinbutton", { name: /^Monthly points to keep/ }).fill("6");
  await form.getByRole("button", { name: "Make schedule" }).click();
  const item = page.getByRole("listitem").filter({ hasText: `Back up guests tagged ${tag}-b` });
  await expect(item).toContainText("keep 3, 7 daily, 4 weekly, 6 monthly");
  await item.getByRole("button", { name: "Remove" }).click();
  await expect(item).toHaveCount(0);
});
