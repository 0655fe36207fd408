import { Validator } from "@seriousme/openapi-schema-validator";
import { roles } from "../../lib/roles";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { e2eCertFile } from "../../playwright.config";
import { adminPassword, apiAs, baseURL, localHostId, signIn } from "./fixtures";

// The API as documented: /api/openapi.json is valid OpenAPI 3.1, and routes called exactly as it says (the
// path, the documented parameters, an API token as its security scheme says) answer as it says. The curl
// commands of the reference page run as they are.

type Operation = { parameters: { name: string; in: string; required: boolean }[]; security: Record<string, unknown>[]; responses: object };
type Document = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, { type: string; scheme?: string }> };
};

let admin: APIRequestContext;
let token = "";
let doc: Document;
let hostId = "";

test.beforeAll(async () => {
  admin = await apiAs("admin", adminPassword);
  hostId = await localHostId(admin);
  const made = await admin.post("/api/account/tokens", {
    data: { name: "openapi", expiresInDays: 1, grants: [{ role: "admin", scope: "global" }] },
  });
  token = ((await made.json()) as { secret: string }).secret;
  const res = await fetch(`${baseURL}/api/openapi.json`, { headers: { Authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  doc = (await res.json()) as Document;
});
test.afterAll(async () => admin?.dispose());

test("the served document is valid OpenAPI 3.1 and says how to authenticate", async () => {
  const validator = new Validator();
  const result = await validator.validate(doc as unknown as Parameters<Validator["validate"]>[0]);
  expect(result.errors ?? []).toEqual([]);
  expect([result.valid, doc.openapi]).toEqual([true, "3.1.0"]);
  expect(doc.components.securitySchemes.token).toMatchObject({ type: "http", scheme: "bearer" });
});

test("every GET the document lists, whose path names only a host, answers 200 to a token as documented", async () => {
  const values: Record<string, string> = { id: hostId };
  const sample = Object.entries(doc.paths).flatMap(([path, ops]) => {
    const op = ops.get;
    if (!op || !op.security.some((s) => "token" in s)) return [];
    const pathParams = op.parameters.filter((p) => p.in === "path").map((p) => p.name);
    if (pathParams.some((p) => !(p in values)) || op.parameters.some((p) => p.in === "query" && p.required)) return [];
    return [path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(values[name]))];
  });
  expect(sample).toEqual(expect.arrayContaining(["/api/hosts", "/api/guests", `/api/hosts/${hostId}/overview`, "/api/admin/users"]));
  const answers: Record<string, number> = {};
  for (const path of sample) answers[path] = (await fetch(baseURL + path, { headers: { Authorization: `Bearer ${token}` } })).status;
  expect(Object.entries(answers).filter(([, status]) => status !== 200)).toEqual([]);
});

test("a documented body is what the route takes: the settings' two-factor rule, sent as documented", async () => {
  const patch = doc.paths["/api/admin/settings"].patch as Operation & {
    requestBody: {
      content: {
        "application/json": { schema: { properties: Record<string, { anyOf: { type: string; items?: { enum?: string[] } }[] }> } };
      };
    };
  };
  // A list of roles, or null (back to the default).
  const rule = patch.requestBody.content["application/json"].schema.properties.twoFactorRoles;
  expect(rule.anyOf.map((s) => s.type)).toEqual(["array", "null"]);
  expect(rule.anyOf[0].items?.enum).toEqual([...roles]);
  const headers = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
  const ok = await fetch(`${baseURL}/api/admin/settings`, { method: "PATCH", headers, body: JSON.stringify({ twoFactorRoles: [] }) });
  expect(ok.status).toBe(200);
  const bad = await fetch(`${baseURL}/api/admin/settings`, {
    method: "PATCH",
    headers,
    body: JSON.stringify({ twoFactorRoles: ["king"] }),
  });
  expect(bad.status).toBe(422);
});

test("the reference page lists the routes with curl commands that work as copied", async ({ page }) => {
  await signIn(page, "admin", adminPassword);
  await page.goto("/account/api");
  await page.getByLabel("Filter routes").fill("/api/hosts/{id}/overview");
  const entry = page.getByTestId("api-operation").filter({ hasText: "GET/api/hosts/{id}/overview" });
  await expect(entry).toHaveCount(1);
  const curl = (await entry.locator("pre").textContent())!;
  expect(curl).toContain('-H "Authorization: Bearer $TOKEN"');
  // curl trusts the console's self-signed certificate as a person would after checking its fingerprint.
  const env = { ...process.env, TOKEN: token, ID: hostId, CURL_CA_BUNDLE: e2eCertFile };
  const out = execFileSync("bash", ["-c", curl], { env, encoding: "utf8" });
  expect((JSON.parse(out) as { name?: string; host?: { name: string } }).host?.name ?? (JSON.parse(out) as { name?: string }).name).toBe(
    "localhost",
  );
});
