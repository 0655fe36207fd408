import { expect, test } from "@playwright/test";
import { adminPassword, apiAs, createUser, signIn } from "./fixtures";

test("an admin creates an operator, who then cannot open the admin pages; the audit log shows both", async ({ page, browser }) => {
  const username = `olivia-${Date.now().toString(36)}`;
  const password = "operator-password-1";

  await signIn(page, "admin", adminPassword);
  await page.getByRole("link", { name: "Admin" }).click();
  await page.getByRole("button", { name: "New user" }).click();
  const form = page.getByRole("form", { name: "New user" });

  // The shared zod schema answers in the browser before anything is sent.
  await form.getByLabel("User name").fill("bad name!");
  await form.getByLabel("Password").fill("short");
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(form.getByText("Letters, digits, dot, dash and underscore only")).toBeVisible();
  await expect(form.getByText("At least 12 characters")).toBeVisible();

  await form.getByLabel("User name").fill(username);
  await form.getByLabel("Display name").fill("Olivia Operator");
  await form.getByLabel("Password").fill(password);
  await form.getByLabel("Role everywhere").selectOption("operator");
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Created ${username}` })).toBeVisible();
  const card = page.getByTestId(`user-${username}`);
  await expect(card.getByRole("list", { name: `Roles of ${username}` })).toContainText("operator · everywhere");

  // The operator signs in elsewhere.
  const operatorContext = await browser.newContext();
  const operator = await operatorContext.newPage();
  await signIn(operator, username, password);
  await expect(operator.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Guests" })).toBeVisible();
  await expect(operator.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toHaveCount(0);
  await operator.goto("/admin/users");
  await expect(operator.getByRole("heading", { name: "Access denied" })).toBeVisible();
  await expect(operator.getByTestId(`user-${username}`)).toHaveCount(0);
  await operator.goto("/admin/audit");
  await expect(operator.getByRole("heading", { name: "Access denied" })).toBeVisible();
  const apiStatus = await operator.evaluate(async () => (await fetch("/api/admin/users")).status);
  expect(apiStatus).toBe(403);
  await operatorContext.close();

  // Back as admin: both the creation and the operator's sign-in are in the audit log, newest first.
  await page.goto("/admin/audit");
  await page.getByLabel("Target").fill(username);
  await page.getByRole("button", { name: "Filter" }).click();
  const rows = page.locator("tbody tr");
  await expect(rows).toHaveCount(1);
  // Actions and outcomes read as words (lib/audit/actions.ts keys them), not as recorded.
  await expect(rows.first()).toContainText("Create user");
  await expect(rows.first()).toContainText("admin");

  await page.getByLabel("Target").fill("");
  await page.getByLabel("User", { exact: true }).fill(username);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(rows.first()).toContainText("Sign in");
  await expect(rows.first()).toContainText("done");
});

test("a disabled account cannot sign in, and a reset password replaces the old one", async ({ page, browser }) => {
  const username = `dave-${Date.now().toString(36)}`;
  await signIn(page, "admin", adminPassword);
  await page.goto("/admin/users");
  await page.getByRole("button", { name: "New user" }).click();
  const form = page.getByRole("form", { name: "New user" });
  await form.getByLabel("User name").fill(username);
  await form.getByLabel("Password").fill("first-password-1");
  await form.getByLabel("Role everywhere").selectOption("viewer");
  await form.getByRole("button", { name: "Create user" }).click();
  const card = page.getByTestId(`user-${username}`);
  await expect(card).toBeVisible();

  await card.getByRole("button", { name: "Reset password" }).click();
  await card.getByLabel("New password").fill("second-password-2");
  await card.getByRole("button", { name: "Set password", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Password of" })).toBeVisible();

  // Disabling asks first, naming the person; Cancel leaves the account alone.
  await card.getByRole("button", { name: "Disable" }).click();
  const confirmDisable = page.getByRole("dialog", { name: `Disable ${username}?` });
  await expect(confirmDisable).toContainText("signed out everywhere");
  await confirmDisable.getByRole("button", { name: "Cancel" }).click();
  await expect(confirmDisable).toBeHidden();
  await expect(card.getByText("disabled", { exact: true })).toHaveCount(0);
  await card.getByRole("button", { name: "Disable" }).click();
  await confirmDisable.getByRole("button", { name: "Disable" }).click();
  await expect(card.getByText("disabled", { exact: true })).toBeVisible();

  const other = await browser.newContext();
  const p = await other.newPage();
  await p.goto("/login");
  await p.getByLabel("User name").fill(username);
  await p.getByLabel("Password").fill("second-password-2");
  await p.getByRole("button", { name: "Sign in" }).click();
  await expect(p.locator("form").getByRole("alert")).toHaveText("This account is disabled");

  await card.getByRole("button", { name: "Enable" }).click();
  await expect(card.getByText("disabled", { exact: true })).toHaveCount(0);
  await p.getByLabel("Password").fill("first-password-1");
  await p.getByRole("button", { name: "Sign in" }).click();
  await expect(p.locator("form").getByRole("alert")).toHaveText("Wrong user name or password");
  await p.getByLabel("Password").fill("second-password-2");
  await p.getByRole("button", { name: "Sign in" }).click();
  await expect(p.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await other.close();
});

test("an admin deletes a user after confirming: the user's session stops at once, the audit log keeps the name", async ({ page }) => {
  const admin = await apiAs("admin", adminPassword);
  const doomed = await createUser(admin, "leaver", { role: "viewer" });
  const session = await apiAs(doomed.username, doomed.password);
  expect((await session.get("/api/auth/me")).status()).toBe(200);

  await signIn(page, "admin", adminPassword);
  await page.goto("/admin/users");
  const card = page.getByTestId(`user-${doomed.username}`);
  await card.getByRole("button", { name: "Delete" }).click();
  // The dialog names the person (display name and user name); Cancel keeps the account.
  const confirm = page.getByRole("dialog", { name: `Delete leaver (${doomed.username})?` });
  await expect(confirm).toContainText("The audit log keeps what");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(card).toBeVisible();
  expect((await session.get("/api/auth/me")).status()).toBe(200);

  await card.getByRole("button", { name: "Delete" }).click();
  await confirm.getByRole("button", { name: "Delete user" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Deleted ${doomed.username}` })).toBeVisible();
  await expect(card).toHaveCount(0);
  expect((await session.get("/api/auth/me")).status()).toBe(401);
  await session.dispose();

  // The account is gone, the name stays in the audit log: its sign-in and the deletion.
  await page.goto("/admin/audit");
  await page.getByLabel("User", { exact: true }).fill(doomed.username);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.locator("tbody tr").first()).toContainText("Sign in");
  await page.getByLabel("User", { exact: true }).fill("");
  await page.getByLabel("Target").fill(doomed.username);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.locator("tbody tr").first()).toContainText("Delete user");

  // Nobody deletes their own account.
  const me = (await (await admin.get("/api/auth/me")).json()) as { id: string };
  const self = await admin.delete(`/api/admin/users/${me.id}`);
  expect(self.status()).toBe(409);
  expect(((await self.json()) as { error: string }).error).toBe("You cannot delete your own account");
  await admin.dispose();
});

test("the shell works at phone width and switches to dark mode", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await signIn(page, "admin", adminPassword);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav).toBeHidden();
  // A click before React has hydrated the shell does nothing; click again until the menu opens.
  await expect(async () => {
    await page.getByRole("button", { name: "Menu" }).click();
    await expect(nav.getByRole("link", { name: "Networks" })).toBeVisible({ timeout: 1000 });
  }).toPass();
  await page.getByRole("button", { name: /Administrator/ }).click();
  const html = page.locator("html");
  await page.getByRole("button", { name: /Theme:/ }).click(); // system -> light
  await expect(html).not.toHaveClass(/dark/);
  await page.getByRole("button", { name: /Theme:/ }).click(); // light -> dark
  await expect(html).toHaveClass(/dark/);
  await page.reload();
  await expect(html).toHaveClass(/dark/);
});
