import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { adminPassword, apiAs, createUser, signIn, withDb } from "./fixtures";

// The Alerts page against the real server and its scheduled round: an admin adds a rule on failed jobs
// through the form, a failed job fires it (on the page and the dashboard), acknowledging resolves it into
// the history; a viewer sees the page without "New rule", helpdesk staff are refused it.

test("a rule added on the page fires on a failed job, shows on the dashboard, and resolves when acknowledged", async ({ page }) => {
  test.setTimeout(180_000);
  const ruleName = `e2e alerts ${Date.now().toString(36)}`;
  await signIn(page, "admin", adminPassword);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Alerts" }).click();
  await expect(page.getByRole("heading", { name: "Alerts" })).toBeVisible();
  await page.getByRole("button", { name: "New rule" }).click();
  const form = page.getByRole("form", { name: "New alert rule" });
  await form.getByLabel("Name").fill(ruleName);
  await form.getByLabel("Watch").selectOption({ label: "A job failed" });
  await expect(form.getByText("The alert resolves when someone acknowledges it.")).toBeVisible();
  await form.getByRole("button", { name: "Add rule" }).click();
  const rule = page.getByTestId("rule-row").filter({ hasText: ruleName });
  await expect(rule).toContainText("A job failed");
  await expect(rule).toContainText("Everything");

  // A job that failed after the rule was made (as a failed clone would leave it).
  const label = `e2e-alerts clone ${randomUUID().slice(0, 8)}`;
  const at = new Date().toISOString();
  await withDb((db) =>
    db.execute({
      sql: `INSERT INTO "Job" ("id", "kind", "ownerId", "target", "label", "status", "error", "heartbeatAt", "startedAt", "finishedAt")
            VALUES (?, 'guest.clone', '', '', ?, 'failed', 'the disk is full', ?, ?, ?)`,
      args: [randomUUID().replaceAll("-", "").slice(0, 22), label, at, at, at],
    }),
  );

  // The scheduled round (every 30 s) fires it; the page re-reads every 30 s.
  await page.goto("/");
  const dashboardAlert = page.getByTestId("active-alerts").getByTestId("alert-row").filter({ hasText: label });
  await expect(async () => {
    await page.reload();
    await expect(dashboardAlert).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 120_000 });
  await expect(dashboardAlert).toContainText(`${label} failed: the disk is full`);

  await page.goto("/alerts");
  const active = page.getByTestId("active-alerts").getByTestId("alert-row").filter({ hasText: label });
  await expect(active).toContainText(ruleName);
  await active.getByRole("button", { name: "Acknowledge" }).click();
  await expect(page.getByTestId("alert-history").getByTestId("alert-row").filter({ hasText: label })).toBeVisible();
  await expect(active).toHaveCount(0);

  // Clean up: the rule goes with its alerts.
  page.once("dialog", (d) => void d.accept());
  await rule.getByRole("button", { name: "Remove" }).click();
  await expect(rule).toHaveCount(0);
});

test("viewers see alerts without managing rules; helpdesk staff are not offered the page", async ({ page }) => {
  const admin = await apiAs("admin", adminPassword);
  const viewer = await createUser(admin, "e2e-alerts-viewer", { role: "viewer" });
  const helpdesk = await createUser(admin, "e2e-alerts-helpdesk", { role: "helpdesk" });
  await admin.dispose();
  await signIn(page, viewer.username, viewer.password);
  await page.goto("/alerts");
  await expect(page.getByRole("heading", { name: "Alerts" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Rules" })).toBeVisible();
  await expect(page.getByRole("button", { name: "New rule" })).toHaveCount(0);
  await page.context().clearCookies();
  await signIn(page, helpdesk.username, helpdesk.password);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Alerts" })).toHaveCount(0);
  await page.goto("/alerts");
  await expect(page.getByRole("heading", { name: "Alerts" })).toHaveCount(0);
});
