import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { e2eAdminPassword, e2eMetricsToken, e2eServerLog } from "../../playwright.config";
import { apiAs, baseURL, createUser } from "./fixtures";

// The server's log of the whole e2e run (every other spec ran before this one, see playwright.config.ts) holds
// no secret: no password, session cookie, API or metrics token. This spec adds its own secrets on the paths
// most likely to leak one (a refused sign-in, a password set and reset, a host's SSH password, a scrape), then
// reads the log with everything the suite did.

const marker = `leak-check-${Date.now().toString(36)}`;

test("the server's log holds no password, cookie or token", async ({ playwright }) => {
  const admin = await apiAs("admin", e2eAdminPassword);
  const secrets: string[] = [e2eAdminPassword, e2eMetricsToken];

  const wrong = `${marker}-wrong-password`;
  const anonymous = await playwright.request.newContext({ extraHTTPHeaders: { Origin: baseURL } });
  expect((await anonymous.post("/api/auth/login", { data: { username: "admin", password: wrong } })).status()).toBe(401);
  secrets.push(wrong);

  const person = await createUser(admin, "leakcheck");
  secrets.push(person.password);
  const reset = `${marker}-reset-password`;
  const resetRes = await admin.patch(`/api/admin/users/${person.id}`, { data: { password: reset } });
  expect(resetRes.status(), await resetRes.text()).toBe(200);
  secrets.push(reset);
  // The request's id is in its answer, on its audit row and (checked below) on its log line.
  const requestId = resetRes.headers()["x-request-id"];
  expect(requestId).toMatch(/^[0-9a-f]{16}$/);
  const audit = (await (await admin.get(`/api/admin/audit?target=${encodeURIComponent(person.username)}`)).json()) as {
    rows: { requestId: string; action: string }[];
  };
  expect(audit.rows.filter((r) => r.requestId === requestId).length).toBeGreaterThan(0);
  const signedIn = await apiAs(person.username, reset);
  const session = (await signedIn.storageState()).cookies.find((c) => c.name === "vc_session")!.value;
  secrets.push(session);

  const sshPassword = `${marker}-ssh-password`;
  const probe = await admin.post("/api/hosts/test", {
    data: {
      form: { kind: "ssh", name: "leak-check", user: "nobody", address: "127.0.0.1", port: 1, auth: "password", password: sshPassword },
    },
  });
  expect(probe.status(), await probe.text()).toBeLessThan(500);
  secrets.push(sshPassword);

  const scrape = await anonymous.get("/metrics", { headers: { Authorization: `Bearer ${e2eMetricsToken}` } });
  expect(scrape.status()).toBe(200);

  // Give the log a moment to receive the last request lines, then read all of it.
  await expect.poll(() => readFileSync(e2eServerLog, "utf8").includes('"path":"/metrics"')).toBe(true);
  const log = readFileSync(e2eServerLog, "utf8");
  expect(log.length).toBeGreaterThan(1000);
  const requestLine = log.split("\n").find((line) => line.includes(`"requestId":"${requestId}"`) && line.includes('"msg":"request"'));
  expect(requestLine, "the reset's request line").toContain('"method":"PATCH"');
  for (const secret of secrets) expect(log.includes(secret), `the log holds a secret (${secret.slice(0, 12)}…)`).toBe(false);
  // Every password the suite's fixtures made, and any session cookie.
  expect(log).not.toMatch(/pw-[a-z0-9-]+-secret/);
  expect(log).not.toContain("vc_session=");
  await Promise.all([admin.dispose(), anonymous.dispose(), signedIn.dispose()]);
});
