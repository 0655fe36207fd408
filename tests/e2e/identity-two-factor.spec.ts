import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import * as OTPAuth from "otpauth";
import { adminPassword, apiAs, createUser, signOut } from "./fixtures";

// Two-factor sign-in in the browser, with codes the test computes from the secret the page shows (as an
// authenticator app would): enrolment from the account page, signing in with a code and with recovery codes
// (each once), enrolment a role requires at sign-in, and an admin's reset.

let admin: APIRequestContext;
test.beforeAll(async () => {
  admin = await apiAs("admin", adminPassword);
});
test.afterAll(async () => {
  await admin.patch("/api/admin/settings", { data: { twoFactorRoles: [] } });
  await admin.dispose();
});

const codeFor = (secret: string, offsetSteps = 0) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + offsetSteps * 30_000 });

async function password(page: Page, username: string, pw: string) {
  await page.goto("/login");
  await page.getByLabel("User name").fill(username);
  await page.getByLabel("Password").fill(pw);
  await page.getByRole("button", { name: "Sign in" }).click();
}

const dashboard = (page: Page) => expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();

test("a person enrols an app, then signs in with its codes and with recovery codes, each once", async ({ page }) => {
  const person = await createUser(admin, "tfa-self", { role: "viewer" });
  await password(page, person.username, person.password);
  await dashboard(page);
  await page.goto("/account");
  await expect(page.getByTestId("two-factor-state")).toContainText("Off");
  await page.getByRole("button", { name: "Set up an authenticator app" }).click();
  await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  await page.getByLabel("Code from the app").fill("000000" === codeFor(secret) ? "111111" : "000000");
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(page.getByText("That code is not right")).toBeVisible();
  await page.getByLabel("Code from the app").fill(codeFor(secret));
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(page.getByTestId("recovery-codes").locator("li")).toHaveCount(10);
  const codes = (await page.getByTestId("recovery-codes").locator("li").allTextContents()).map((c) => c.trim());
  await expect(page.getByTestId("two-factor-state")).toContainText("On");
  await signOut(page);

  // The password alone no longer signs in: the app's next code does (the one just used cannot come again).
  await password(page, person.username, person.password);
  await page.getByLabel("Code from your authenticator app").fill(codeFor(secret, 1));
  await page.getByRole("button", { name: "Verify" }).click();
  await dashboard(page);
  await signOut(page);

  // A recovery code signs in once.
  await password(page, person.username, person.password);
  await page.getByRole("button", { name: "Use a recovery code instead" }).click();
  await page.getByLabel("Recovery code").fill(codes[0].toUpperCase());
  await page.getByRole("button", { name: "Verify" }).click();
  await dashboard(page);
  await page.goto("/account");
  await expect(page.getByTestId("two-factor-state")).toContainText("Unused recovery codes: 9");
  await signOut(page);
  await password(page, person.username, person.password);
  await page.getByRole("button", { name: "Use a recovery code instead" }).click();
  await page.getByLabel("Recovery code").fill(codes[0]);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText("That code is not right")).toBeVisible();
  await page.getByLabel("Recovery code").fill(codes[1]);
  await page.getByRole("button", { name: "Verify" }).click();
  await dashboard(page);

  // The audit log tells how each sign-in was made.
  const audit = (await (await admin.get(`/api/admin/audit?actor=${person.username}&action=auth.login`)).json()) as {
    rows: { result: string; details: Record<string, unknown> }[];
  };
  const ways = audit.rows.map((r) => `${r.result}:${String(r.details.secondFactor ?? r.details.reason ?? "")}`);
  expect(ways).toEqual(expect.arrayContaining(["ok:totp", "ok:recovery-code", "denied:wrong code"]));
});

test("a role that requires two-factor makes its holders enrol at their next sign-in; an admin's reset starts it over", async ({ page }) => {
  const person = await createUser(admin, "tfa-required", { role: "helpdesk" });
  expect((await admin.patch("/api/admin/settings", { data: { twoFactorRoles: ["helpdesk"] } })).status()).toBe(200);
  await password(page, person.username, person.password);
  await expect(page.getByText("Your role requires two-factor sign-in")).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  await page.getByLabel("Code from the app").fill(codeFor(secret));
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(page.getByTestId("recovery-codes").locator("li")).toHaveCount(10);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(
    page
      .getByRole("heading", { name: "Your guests" })
      .or(page.getByRole("heading", { name: "Dashboard" }))
      .first(),
  ).toBeVisible();
  await page.goto("/account");
  await expect(page.getByTestId("two-factor-state")).toContainText("Your role requires it");
  await expect(page.getByRole("button", { name: "Turn off" })).toHaveCount(0);
  await signOut(page);

  // Lost phone: the admin resets it; the next sign-in asks to enrol again, because the role still requires it.
  expect((await admin.delete(`/api/admin/users/${person.id}/two-factor`)).status()).toBe(200);
  await password(page, person.username, person.password);
  await expect(page.getByText("Your role requires two-factor sign-in")).toBeVisible();
  expect(await page.getByTestId("totp-secret").textContent()).not.toBe(secret);
});
