import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import { freePort } from "../helpers/free-port";
import { adminPassword, apiAs, baseURL, localHostId, signOut } from "./fixtures";

// OpenID Connect sign-in in the browser against a real OpenID Provider (oidc-provider, run by this test on
// loopback; tests/helpers/oidc-idp.mjs): people are created on first sign-in with the roles their groups map to,
// a group removed at the provider removes its grant at the next sign-in, and a token with a broken signature
// or a replayed callback signs nobody in.

let admin: APIRequestContext;
let idp: ChildProcess;
let idpUrl = "";
let providerId = "";
let hostId = "";

test.beforeAll(async () => {
  admin = await apiAs("admin", adminPassword);
  hostId = await localHostId(admin);
  const port = await freePort();
  idpUrl = `http://127.0.0.1:${port}`;
  // A run retried after a failure finds the provider of the first try.
  const existing = (await (await admin.get("/api/admin/identity-providers")).json()) as { id: string; name: string }[];
  for (const p of existing.filter((p) => p.name === "Test IdP")) await admin.delete(`/api/admin/identity-providers/${p.id}`);
  const created = await admin.post("/api/admin/identity-providers", {
    data: {
      kind: "oidc",
      name: "Test IdP",
      secret: "virt-console-client-secret",
      config: {
        issuer: idpUrl,
        clientId: "virt-console",
        scopes: "openid profile groups",
        mappings: [
          { group: "ops", grant: { role: "operator", scope: "global" } },
          { group: "viewers", grant: { role: "viewer", scope: "host", hostId } },
        ],
      },
    },
  });
  expect(created.status(), await created.text()).toBe(200);
  providerId = ((await created.json()) as { id: string }).id;
  idp = spawn(process.execPath, ["tests/helpers/oidc-idp.mjs", String(port), `${baseURL}/api/auth/oidc/${providerId}/callback`], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    idp.stdout!.on("data", (d: Buffer) => d.toString().includes("ready") && resolve());
    idp.once("exit", (code) => reject(new Error(`the test OpenID Provider exited with ${code}`)));
  });
});

test.afterAll(async () => {
  idp?.kill();
  await admin?.dispose();
});

const steer = (what: string, body: unknown) => fetch(`${idpUrl}/__test/${what}`, { method: "POST", body: JSON.stringify(body) });

/** From the console's sign-in page through the provider's own login and consent pages, back to the console. */
async function signInAtProvider(page: Page, login: string) {
  await page.goto("/login");
  await page.getByRole("link", { name: "Sign in with Test IdP" }).click();
  // Straight back when the provider still has a session for the person (single sign-on), else its login page.
  await page.waitForURL(
    (url) => url.href.startsWith(`${idpUrl}/interaction/`) || (url.href.startsWith(baseURL) && !url.pathname.startsWith("/api/")),
  );
  if (!page.url().startsWith(idpUrl)) return;
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("anything");
  await page.locator('button[type="submit"]').click();
  // The provider asks for consent the first time.
  while (page.url().startsWith(`${idpUrl}/interaction/`)) {
    const button = page.locator('button[type="submit"]');
    if (await button.count()) await button.first().click();
    else await page.waitForURL((url) => !url.href.startsWith(`${idpUrl}/interaction/`));
  }
}

async function grantsOf(username: string) {
  const users = (await (await admin.get("/api/admin/users")).json()) as {
    username: string;
    source: string;
    grants: { role: string; scope: string; hostId: string | null; providerId: string | null }[];
  }[];
  const user = users.find((u) => u.username === username);
  return user
    ? { source: user.source, grants: user.grants.map((g) => `${g.role}:${g.scope}:${g.providerId === providerId}`).sort() }
    : null;
}

test("first sign-in creates the person with their groups' roles; a group removed at the provider removes its grant", async ({ page }) => {
  const callbacks: string[] = [];
  page.on("request", (r) => r.url().includes(`/api/auth/oidc/${providerId}/callback`) && callbacks.push(r.url()));
  await signInAtProvider(page, "olivia");
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  expect(await grantsOf("olivia")).toEqual({ source: "oidc", grants: ["operator:global:true", "viewer:host:true"] });
  const me = (await (await page.request.get("/api/auth/me")).json()) as { username: string; displayName: string };
  expect([me.username, me.displayName]).toEqual(["olivia", "Olivia Operator"]);

  // The replayed callback (same code, same state) signs nobody in: the sign-in it belonged to is used up.
  await signOut(page);
  await page.goto(callbacks[0]);
  await expect(page).toHaveURL(/\/login\?error=expired/);
  await expect(page.getByTestId("sign-in-error")).toHaveText("That sign-in had expired or was already used; start again");
  // Even with a fresh sign-in under way in this browser, the old code and state are refused.
  await page.request.get(`/api/auth/oidc/${providerId}/start?next=/`, { maxRedirects: 0 });
  await page.goto(callbacks[0]);
  await expect(page).toHaveURL(/\/login\?error=(refused|expired)/);
  expect((await page.request.get("/api/auth/me")).status()).toBe(401);

  // ops is taken away at the provider: the next sign-in keeps only the viewer grant.
  await steer("groups", { sub: "olivia", groups: ["viewers"] });
  await signInAtProvider(page, "olivia");
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  expect(await grantsOf("olivia")).toEqual({ source: "oidc", grants: ["viewer:host:true"] });
  const audit = (await (await admin.get("/api/admin/audit?action=user.revoke&target=user:olivia")).json()) as {
    rows: { details: { provider?: string; role?: string } }[];
  };
  expect(audit.rows[0].details).toMatchObject({ provider: "Test IdP", role: "operator" });
});

test("an ID token with a broken signature signs nobody in", async ({ page }) => {
  await steer("tamper", { on: true });
  try {
    await signInAtProvider(page, "vince");
    await expect(page).toHaveURL(/\/login\?error=refused/);
    await expect(page.getByTestId("sign-in-error")).toContainText("could not be accepted");
    expect((await page.request.get("/api/auth/me")).status()).toBe(401);
    expect(await grantsOf("vince")).toBeNull();
    const audit = (await (await admin.get("/api/admin/audit?action=auth.login")).json()) as {
      rows: { result: string; details: { method?: string; reason?: string } }[];
    };
    expect(audit.rows.find((r) => r.details.method === "oidc" && r.result === "denied")?.details.reason).toMatch(/signature/i);
  } finally {
    await steer("tamper", { on: false });
  }
  await signInAtProvider(page, "vince");
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  expect(await grantsOf("vince")).toEqual({ source: "oidc", grants: ["viewer:host:true"] });
});
