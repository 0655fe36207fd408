import { request as playwrightRequest, expect, type APIRequestContext, type Page } from "@playwright/test";
import { createClient } from "@libsql/client";
import path from "node:path";
import { e2eAdminPassword, e2eDataDir } from "../../playwright.config";

export const adminPassword = e2eAdminPassword;
export const baseURL = `https://127.0.0.1:${process.env.E2E_PORT ?? 3100}`;

export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("User name").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
}

/** Signs in through the form, whatever language it speaks (the fields are found by their input names). */
export async function signInAnyLanguage(page: Page, username: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await expect(page).not.toHaveURL(/\/login/);
}

export async function signOut(page: Page): Promise<void> {
  await page
    .getByRole("button", { name: /admin|operator|\w+/ })
    .filter({ has: page.locator("span.text-xs") })
    .first()
    .click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** An API client signed in as `username`; mutations carry this console's Origin as a browser would. */
export async function apiAs(username: string, password: string): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
  const res = await ctx.post("/api/auth/login", { data: { username, password } });
  expect(res.status(), `sign-in of ${username}`).toBe(200);
  return ctx;
}

let userCounter = 0;
/** Creates a user through the admin API with a role grant, returns its name and password. */
export async function createUser(
  admin: APIRequestContext,
  prefix: string,
  grant?: { role: string; scope?: string; hostId?: string; guestUuid?: string },
) {
  const username = `${prefix}-${Date.now().toString(36)}-${userCounter++}`;
  const password = `pw-${username}-secret`;
  const res = await admin.post("/api/admin/users", { data: { username, password, displayName: prefix } });
  expect(res.status(), await res.text()).toBe(200);
  const { id } = (await res.json()) as { id: string };
  if (grant) {
    const g = await admin.post(`/api/admin/users/${id}/grants`, { data: { scope: "global", ...grant } });
    expect(g.status(), await g.text()).toBe(200);
  }
  return { id, username, password };
}

/** Direct access to the e2e database, for what a browser cannot do (such as letting a session expire). */
export async function withDb<T>(fn: (db: ReturnType<typeof createClient>) => Promise<T>): Promise<T> {
  const db = createClient({ url: `file:${path.resolve(e2eDataDir, "console.db")}` });
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

/** The id of the host registered as "localhost" (qemu:///system) on the e2e server's first start. */
export async function localHostId(api: APIRequestContext): Promise<string> {
  const { hosts } = (await (await api.get("/api/hosts")).json()) as { hosts: { id: string; name: string }[] };
  const local = hosts.find((h) => h.name === "localhost");
  if (!local) throw new Error(`no host named localhost among ${hosts.map((h) => h.name).join(", ")}`);
  return local.id;
}
