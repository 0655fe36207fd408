import { expect, test } from "@playwright/test";
import { adminPassword, apiAs, localHostId, signIn, withDb } from "./fixtures";

// Forecasts and reports on the real server: two days of seeded hourly CPU averages rising 1 % a day on the
// local host show in the dashboard's Capacity card and as a chart with the projection on the host page;
// Reports → Right-sizing and Reports → Usage open from the sidebar, show their tables and hand out CSV.

const HOUR = 3_600_000;
const HOURS = 48;

test("a seeded trend shows on the dashboard and the host page; the reports open and export CSV", async ({ page }) => {
  test.setTimeout(120_000);
  const admin = await apiAs("admin", adminPassword);
  const hostId = await localHostId(admin);
  const newest = Math.floor(Date.now() / HOUR) * HOUR - HOUR;
  const buckets = Array.from({ length: HOURS }, (_, i) => (newest - (HOURS - 1 - i) * HOUR) / 60_000);
  await withDb(async (db) => {
    for (const [i, bucket] of buckets.entries())
      await db.execute({
        sql: `INSERT INTO "MetricPoint" ("hostId", "guestUuid", "resolution", "bucket", "samples", "cpuPercent", "memUsedKiB", "memTotalKiB")
              VALUES (?, '', '1h', ?, 1800, ?, 1000, 4000)
              ON CONFLICT ("hostId", "guestUuid", "resolution", "bucket") DO UPDATE SET "cpuPercent" = excluded."cpuPercent",
                "memUsedKiB" = excluded."memUsedKiB", "memTotalKiB" = excluded."memTotalKiB"`,
        args: [hostId, bucket, 40 + i / 24],
      });
  });
  try {
    await signIn(page, "admin", adminPassword);
    const card = page.getByRole("region", { name: "Capacity" });
    const cpu = card.getByTestId("capacity-item").filter({ hasText: "Host CPU: localhost" });
    // 40 % rising 1 % a day: 100 % about 58 days after the newest hour.
    await expect(cpu).toContainText(/In 5[89] days/);
    await expect(cpu).toContainText("Steady trend");
    await cpu.getByRole("link").click();
    const forecast = page.getByTestId("capacity-forecast").filter({ hasText: "Host CPU use" });
    await expect(forecast).toContainText("1.00 % a day");
    await expect(forecast.getByTestId("time-chart")).toBeVisible();
    await expect(forecast.locator("canvas")).toHaveCount(1);

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }).click();
    await page.getByRole("link", { name: "Right-sizing" }).click();
    await expect(page.getByRole("heading", { name: "Right-sizing" })).toBeVisible();
    await expect(page.getByTestId("right-sizing-total")).toContainText("Could be reclaimed");
    const rightSizingCsv = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download CSV" }).click();
    expect((await rightSizingCsv).suggestedFilename()).toBe("right-sizing.csv");

    await page.goto("/reports/usage");
    await expect(page.getByRole("heading", { name: /^Usage by host/ })).toBeVisible();
    await expect(page.getByRole("table", { name: "Usage" })).toBeVisible();
    const usageCsv = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download CSV" }).click();
    expect((await usageCsv).suggestedFilename()).toMatch(/^usage-host-.*\.csv$/);
    await expect(page.getByRole("form", { name: "Monthly usage report by e-mail" })).toBeVisible();
  } finally {
    await withDb((db) =>
      db.execute({
        sql: `DELETE FROM "MetricPoint" WHERE "hostId" = ? AND "guestUuid" = '' AND "resolution" = '1h' AND "bucket" >= ? AND "bucket" <= ?`,
        args: [hostId, buckets[0]!, buckets.at(-1)!],
      }),
    );
  }
});
