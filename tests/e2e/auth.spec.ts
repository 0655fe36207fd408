import { expect, test } from "@playwright/test";
import { adminPassword, signIn, withDb } from "./fixtures";

test("a visitor without a session is sent to the login page, from any page", async ({ page }) => {
  for (const path of ["/", "/guests", "/admin/users", "/admin/audit"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  }
});

test("wrong password is refused with a clear message; the right one signs in", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("User name").fill("admin");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong user name or password");
  await expect(page).toHaveURL(/\/login/);

  await page.getByLabel("Password").fill(adminPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  const cookie = (await page.context().cookies()).find((c) => c.name === "vc_session");
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Lax");
});

test("repeated failures on one account are throttled with a message saying when to retry", async ({ page }) => {
  const username = `throttle-probe-${Date.now()}`;
  await page.goto("/login");
  await page.getByLabel("User name").fill(username);
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Password").fill(`wrong-${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong user name or password");
  }
  await page.getByLabel("Password").fill("wrong-again");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText(/Too many failed sign-in attempts\. Try again in \d+ minutes?\./);
});

test("signing out ends the session on the server", async ({ page, context }) => {
  await signIn(page, "admin", adminPassword);
  const token = (await context.cookies()).find((c) => c.name === "vc_session")!.value;
  await page.getByRole("button", { name: /Administrator/ }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  // Replaying the old cookie must not work: the session was revoked, not just forgotten by the browser.
  await context.addCookies([{ name: "vc_session", value: token, domain: "127.0.0.1", path: "/" }]);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});

test("an expired session sends the person back to the login page", async ({ page }) => {
  await signIn(page, "admin", adminPassword);
  // Off the dashboard first: its polling would meet the expired session too and race this navigation.
  await page.goto("about:blank");
  await withDb((db) => db.execute(`UPDATE "Session" SET "expiresAt" = '2000-01-01T00:00:00.000Z' WHERE "revokedAt" IS NULL`));
  await page.goto("/guests");
  await expect(page).toHaveURL(/\/login\?next=%2Fguests/);
});
