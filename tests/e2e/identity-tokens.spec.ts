import { expect, test, type APIRequestContext } from "@playwright/test";
import { adminPassword, apiAs, baseURL, createUser, localHostId, signIn } from "./fixtures";
import { rawRequest } from "./support/raw-http";

// API tokens as a person makes and uses them: shown once, used from a script with Authorization: Bearer, never
// more than their owner may (now, not only when made), audited as the token and its owner, revocable.

let admin: APIRequestContext;
test.beforeAll(async () => {
  admin = await apiAs("admin", adminPassword);
});
test.afterAll(async () => admin?.dispose());

const bearer = (token: string, method: string, path: string, body?: unknown) =>
  rawRequest({
    method,
    path,
    from: "127.0.0.41",
    headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });

async function grantIdOf(userId: string): Promise<string> {
  const users = (await (await admin.get("/api/admin/users")).json()) as { id: string; grants: { id: string }[] }[];
  return users.find((u) => u.id === userId)!.grants[0].id;
}

test("a person makes a token in the browser, a script uses it, its use is shown and audited, and revoking ends it", async ({ page }) => {
  const person = await createUser(admin, "tok-ui", { role: "operator" });
  await signIn(page, person.username, person.password);
  await page.goto("/account");
  await page.getByLabel("Token name").fill("nightly script");
  await page.getByLabel("Expires after (days)").fill("30");
  await page.getByLabel("Token role from operator everywhere").selectOption("viewer");
  await page.getByRole("button", { name: "Make token" }).click();
  const secret = (await page.getByTestId("new-token").textContent())!.trim();
  expect(secret).toMatch(/^vct_[A-Za-z0-9_-]{43}$/);
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("new-token")).toHaveCount(0);

  const hosts = await bearer(secret, "GET", "/api/hosts");
  expect(hosts.status).toBe(200);
  expect(JSON.parse(hosts.body).hosts.some((h: { name: string }) => h.name === "localhost")).toBe(true);
  // A viewer token of an operator: looking is allowed, acting is not.
  const hostId = await localHostId(admin);
  const power = await bearer(secret, "POST", `/api/hosts/${hostId}/guests/00000000-0000-4000-8000-000000000000/power`, { action: "start" });
  expect(power.status).toBe(403);

  await page.reload();
  const row = page.getByTestId("token-row").filter({ hasText: "nightly script" });
  await expect(row).toContainText("viewer everywhere");
  await expect(row).toContainText("from 127.0.0.41");
  const audit = (await (await admin.get(`/api/admin/audit?actor=${person.username}&action=api.call`)).json()) as {
    rows: { target: string; result: string; via: string }[];
  };
  expect(audit.rows.map((r) => [r.target, r.result, r.via.split(":")[2]])).toEqual(
    expect.arrayContaining([
      ["GET /api/hosts", "ok", "nightly script"],
      [`POST /api/hosts/${hostId}/guests/00000000-0000-4000-8000-000000000000/power`, "denied", "nightly script"],
    ]),
  );

  await row.getByRole("button", { name: "Revoke nightly script" }).click();
  await expect(row).toContainText("revoked");
  expect((await bearer(secret, "GET", "/api/hosts")).status).toBe(401);
  const refused = (await (await admin.get(`/api/admin/audit?actor=${person.username}&action=api.call`)).json()) as {
    rows: { result: string; details: { reason?: string } }[];
  };
  expect(refused.rows[0]).toMatchObject({ result: "denied", details: { reason: "revoked" } });
});

test("a token never exceeds its owner: not when made, and a removed grant narrows it at once", async () => {
  const person = await createUser(admin, "tok-narrow", { role: "operator" });
  const api = await apiAs(person.username, person.password);
  const tooMuch = await api.post("/api/account/tokens", {
    data: { name: "too much", expiresInDays: 1, grants: [{ role: "admin", scope: "global" }] },
  });
  expect(tooMuch.status()).toBe(422);
  expect((await tooMuch.json()).error).toBe("A token may do only what you may do yourself");
  const made = await api.post("/api/account/tokens", {
    data: { name: "ops", expiresInDays: 1, grants: [{ role: "operator", scope: "global" }] },
  });
  const { secret } = (await made.json()) as { secret: string };
  const hostId = await localHostId(admin);
  expect((await bearer(secret, "GET", `/api/hosts/${hostId}/pools`)).status).toBe(200);

  // The admin takes the operator role away and gives viewer: the token is a viewer's now, at once.
  expect((await admin.delete(`/api/admin/users/${person.id}/grants/${await grantIdOf(person.id)}`)).status()).toBe(200);
  expect((await bearer(secret, "GET", `/api/hosts/${hostId}/pools`)).status).toBe(403);
  expect((await admin.post(`/api/admin/users/${person.id}/grants`, { data: { role: "viewer", scope: "global" } })).status()).toBe(200);
  expect((await bearer(secret, "GET", `/api/hosts/${hostId}/pools`)).status).toBe(200);
  expect((await bearer(secret, "POST", `/api/hosts/${hostId}/pools/no-such-pool/action`, { action: "start" })).status).toBe(403);

  // Disabled owner: the token ends too. A token cannot manage tokens or sign out.
  expect(
    (await bearer(secret, "POST", "/api/account/tokens", { name: "more", expiresInDays: 1, grants: [{ role: "viewer", scope: "global" }] }))
      .status,
  ).toBe(403);
  expect((await admin.patch(`/api/admin/users/${person.id}`, { data: { disabled: true } })).status()).toBe(200);
  expect((await bearer(secret, "GET", "/api/hosts")).status).toBe(401);
  await api.dispose();
});

test("the front door lets a valid token reach /api only, and a token's mutations need no Origin", async () => {
  const person = await createUser(admin, "tok-door", { role: "admin" });
  const api = await apiAs(person.username, person.password);
  const { secret } = (await (
    await api.post("/api/account/tokens", { data: { name: "door", expiresInDays: 1, grants: [{ role: "admin", scope: "global" }] } })
  ).json()) as { secret: string };
  await api.dispose();
  // A page is not for tokens: to the sign-in page, as without anything.
  const pageAnswer = await bearer(secret, "GET", "/guests");
  expect(pageAnswer.status).toBe(302);
  expect(pageAnswer.headers.location).toMatch(/^\/login/);
  // A garbage token is refused at the door with the token's own message.
  const garbage = await bearer("vct_not-a-real-token", "GET", "/api/hosts");
  expect([garbage.status, JSON.parse(garbage.body).error]).toEqual([401, "This API token is not valid, has expired or was revoked"]);
  // A mutation from a script: no Origin header, accepted because the credential is no cookie.
  const created = await bearer(secret, "POST", "/api/admin/users", {
    username: `made-by-token-${Date.now()}`,
    password: "a-long-password-1",
  });
  expect(created.status, created.body).toBe(200);
  const audit = (await (await admin.get(`/api/admin/audit?actor=${person.username}&action=user.create`)).json()) as {
    rows: { via: string }[];
  };
  expect(audit.rows[0].via).toMatch(/^token:[^:]+:door$/);
  expect(new URL(baseURL).port).not.toBe("");
});
