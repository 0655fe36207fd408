import { expect, test, type APIRequestContext } from "@playwright/test";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import WebSocket from "ws";
import { adminPassword, apiAs, baseURL, createUser, withDb } from "./fixtures";

/**
 * Who may call what. Every route under app/api and every WebSocket path must appear here; a new route
 * that is not added fails this test. "public" = reachable without a session; otherwise the roles that
 * get past the guard (any other role must get 403, and no session must get 401).
 */
type Access = "public" | readonly Role[];
type Role = "admin" | "operator" | "helpdesk" | "viewer" | "none";
const everyone: readonly Role[] = ["admin", "operator", "helpdesk", "viewer", "none"];
const adminOnly: readonly Role[] = ["admin"];
const guestViewers: readonly Role[] = ["admin", "operator", "helpdesk", "viewer"];
const guestPowerers: readonly Role[] = ["admin", "operator", "helpdesk"];
const guestManagers: readonly Role[] = ["admin", "operator"];
const storageViewers: readonly Role[] = ["admin", "operator", "viewer"];
/** host.view: helpdesk staff see no hosts at all (least-privilege.spec.ts covers host and guest grants). */
const hostViewers: readonly Role[] = ["admin", "operator", "viewer"];
const storageManagers: readonly Role[] = ["admin", "operator"];

const apiTable: Record<string, Access> = {
  "POST /api/auth/login": "public",
  "POST /api/auth/logout": everyone,
  "GET /api/auth/me": everyone,
  "GET /api/hosts": hostViewers, // lists only the hosts the person has host.view on
  "POST /api/hosts": adminOnly,
  "POST /api/hosts/test": adminOnly,
  "GET /api/hosts/[id]": adminOnly,
  "PATCH /api/hosts/[id]": adminOnly,
  "DELETE /api/hosts/[id]": adminOnly,
  "POST /api/hosts/[id]/disconnect": adminOnly,
  "POST /api/hosts/[id]/reconnect": adminOnly,
  "PUT /api/hosts/[id]/tags": adminOnly,
  "GET /api/hosts/[id]/placement": guestManagers,
  "GET /api/hosts/[id]/maintenance": hostViewers,
  "POST /api/hosts/[id]/maintenance": adminOnly,
  "DELETE /api/hosts/[id]/maintenance": adminOnly,
  "GET /api/hosts/[id]/power-management": adminOnly,
  "PUT /api/hosts/[id]/power-management": adminOnly,
  "POST /api/hosts/[id]/power-management/test": adminOnly,
  "GET /api/hosts/[id]/high-availability": hostViewers,
  "POST /api/hosts/[id]/high-availability/confirm-down": adminOnly,
  "GET /api/clusters": adminOnly,
  "POST /api/clusters": adminOnly,
  "GET /api/clusters/[clusterId]": adminOnly,
  "PUT /api/clusters/[clusterId]": adminOnly,
  "DELETE /api/clusters/[clusterId]": adminOnly,
  "GET /api/clusters/[clusterId]/high-availability": adminOnly,
  "PUT /api/clusters/[clusterId]/high-availability": adminOnly,
  "POST /api/clusters/[clusterId]/proposals/[proposalId]": adminOnly,
  "PUT /api/clusters/[clusterId]/members": adminOnly,
  "POST /api/clusters/[clusterId]/baseline": adminOnly,
  "GET /api/guests": everyone,
  "POST /api/guests/bulk-power": everyone, // checked per guest inside; see guests.spec.ts
  "GET /api/hosts/[id]/guests/[uuid]": guestViewers,
  "PATCH /api/hosts/[id]/guests/[uuid]": guestManagers,
  "DELETE /api/hosts/[id]/guests/[uuid]": guestManagers,
  "GET /api/hosts/[id]/guests/[uuid]/delete-plan": guestManagers,
  "POST /api/hosts/[id]/guests/[uuid]/power": guestPowerers,
  "PUT /api/hosts/[id]/guests/[uuid]/tags": guestManagers,
  "GET /api/hosts/[id]/guests/[uuid]/high-availability": guestViewers,
  "PUT /api/hosts/[id]/guests/[uuid]/high-availability": guestManagers,
  "GET /api/hosts/[id]/guests/[uuid]/screenshot": guestViewers,
  "GET /api/hosts/[id]/guests/[uuid]/console": guestPowerers, // guest.console: admin, operator, helpdesk
  "POST /api/hosts/[id]/guests/[uuid]/console": guestPowerers,
  "POST /api/hosts/[id]/guests/[uuid]/spice-file": guestPowerers,
  // the console page's helpers (guest.console), and what changes the guest (guest.manage)
  "GET /api/hosts/[id]/guests/[uuid]/console/colleagues": guestPowerers,
  "POST /api/hosts/[id]/guests/[uuid]/console/invite": guestPowerers,
  "GET /api/hosts/[id]/guests/[uuid]/console/clipboard": guestPowerers,
  "POST /api/hosts/[id]/guests/[uuid]/console/clipboard": guestManagers,
  "GET /api/hosts/[id]/guests/[uuid]/serial-log": guestPowerers,
  "POST /api/hosts/[id]/guests/[uuid]/serial-log": guestManagers,
  "GET /api/hosts/[id]/guests/[uuid]/serial-log/download": guestPowerers,
  "GET /api/consoles/presence": everyone, // lists only guests whose console the person may open
  // the helpdesk home's cards: screen (guest.view), Ctrl+Alt+Del (guest.console), CD media (guest.power)
  "GET /api/hosts/[id]/guests/[uuid]/thumbnail": guestViewers,
  "POST /api/hosts/[id]/guests/[uuid]/keys": guestPowerers,
  "GET /api/hosts/[id]/guests/[uuid]/media": guestPowerers,
  "POST /api/hosts/[id]/guests/[uuid]/media": guestPowerers,
  "POST /api/hosts/[id]/guests/[uuid]/managed-save": guestManagers,
  "DELETE /api/hosts/[id]/guests/[uuid]/managed-save": guestManagers,
  "GET /api/hosts/[id]/guests/[uuid]/save": guestManagers,
  "POST /api/hosts/[id]/guests/[uuid]/save": guestManagers,
  "GET /api/hosts/[id]/restore": guestManagers,
  "POST /api/hosts/[id]/restore": guestManagers,
  "GET /api/hosts/[id]/guests/[uuid]/clone": guestManagers,
  "POST /api/hosts/[id]/guests/[uuid]/clone": guestManagers,
  "PUT /api/hosts/[id]/guests/[uuid]/template": guestManagers,
  "POST /api/hosts/[id]/guests/[uuid]/template/new-guest": guestManagers,
  "POST /api/hosts/[id]/guests/[uuid]/migrate": guestManagers,
  "POST /api/hosts/[id]/guests/[uuid]/migrate/check": guestManagers,
  "POST /api/hosts/[id]/guests/[uuid]/migrate/speed": guestManagers,
  // hardware editor and XML (reading them needs host.view or guest.manage: not helpdesk)
  "GET /api/hosts/[id]/guests/[uuid]/hardware": storageViewers,
  "GET /api/hosts/[id]/guests/[uuid]/hardware/choices": guestManagers,
  "POST /api/hosts/[id]/guests/[uuid]/hardware/devices": guestManagers,
  "PATCH /api/hosts/[id]/guests/[uuid]/hardware/devices/[key]": guestManagers,
  "DELETE /api/hosts/[id]/guests/[uuid]/hardware/devices/[key]": guestManagers,
  "POST /api/hosts/[id]/guests/[uuid]/hardware/devices/[key]/resize": guestManagers,
  "PATCH /api/hosts/[id]/guests/[uuid]/hardware/general": guestManagers,
  "PATCH /api/hosts/[id]/guests/[uuid]/hardware/cpu": guestManagers,
  "PATCH /api/hosts/[id]/guests/[uuid]/hardware/memory": guestManagers,
  "PATCH /api/hosts/[id]/guests/[uuid]/hardware/boot": guestManagers,
  "GET /api/hosts/[id]/guests/[uuid]/trouble": guestManagers,
  "GET /api/hosts/[id]/guests/[uuid]/xml": storageViewers,
  // snapshots: read like hardware and XML (not helpdesk), changed by guest managers
  "GET /api/hosts/[id]/guests/[uuid]/snapshots": storageViewers,
  "POST /api/hosts/[id]/guests/[uuid]/snapshots": guestManagers,
  "PATCH /api/hosts/[id]/guests/[uuid]/snapshots/[name]": guestManagers,
  "DELETE /api/hosts/[id]/guests/[uuid]/snapshots/[name]": guestManagers,
  "POST /api/hosts/[id]/guests/[uuid]/snapshots/[name]/revert": guestManagers,
  "GET /api/hosts/[id]/guests/[uuid]/snapshots/[name]/screenshot": storageViewers,
  // backups: listed like snapshots, made, restored, verified and deleted by guest managers
  "GET /api/hosts/[id]/guests/[uuid]/backups": storageViewers,
  "POST /api/hosts/[id]/guests/[uuid]/backups": guestManagers,
  "DELETE /api/hosts/[id]/guests/[uuid]/backups/[point]": guestManagers,
  "POST /api/hosts/[id]/guests/[uuid]/backups/[point]/restore": guestManagers,
  "POST /api/hosts/[id]/guests/[uuid]/backups/[point]/verify": guestManagers,
  // single-disk recovery: attached by guest managers (of both guests), listed like restore points, detached by managers
  "POST /api/hosts/[id]/guests/[uuid]/backups/[point]/attach": guestManagers,
  "GET /api/hosts/[id]/guests/[uuid]/recovery-disks": storageViewers,
  "DELETE /api/hosts/[id]/guests/[uuid]/recovery-disks/[disk]": guestManagers,
  "PUT /api/hosts/[id]/guests/[uuid]/xml": guestManagers,
  "GET /api/hosts/[id]/overview": hostViewers,
  // performance history (metrics.view)
  "GET /api/hosts/[id]/metrics": storageViewers,
  // alerts: seen by those who see metrics (each alert as far as what it concerns), rules managed with alerts.manage;
  // acknowledging and silencing check the alert inside (404 for an alert the person cannot see)
  "GET /api/alerts": storageViewers,
  "POST /api/alerts/rules": storageManagers,
  "PUT /api/alerts/rules/[ruleId]": storageManagers,
  "DELETE /api/alerts/rules/[ruleId]": storageManagers,
  "PUT /api/alerts/rules/[ruleId]/subscription": storageViewers,
  "DELETE /api/alerts/rules/[ruleId]/subscription": everyone,
  "POST /api/alerts/[alertId]/acknowledge": everyone,
  "POST /api/alerts/[alertId]/silence": everyone,
  "GET /api/admin/smtp": adminOnly,
  "PUT /api/admin/smtp": adminOnly,
  "GET /api/fleet": storageViewers,
  "GET /api/capacity": storageViewers, // metrics.view somewhere
  "GET /api/reports/right-sizing": storageViewers, // metrics.view somewhere
  "GET /api/reports/usage": storageViewers, // metrics.view somewhere
  "GET /api/reports/usage/mail": adminOnly,
  "PUT /api/reports/usage/mail": adminOnly,
  "GET /api/hosts/[id]/guests/[uuid]/metrics": storageViewers,
  // the new-guest wizard
  "GET /api/osinfo": everyone,
  "GET /api/hosts/[id]/new-guest": guestManagers,
  "POST /api/hosts/[id]/new-guest/detect": guestManagers,
  "POST /api/hosts/[id]/new-guest/plan": guestManagers,
  "GET /api/hosts/[id]/new-guest/ova": guestManagers,
  "POST /api/hosts/[id]/new-guest/ova": guestManagers,
  "POST /api/hosts/[id]/new-guest/ova/url": guestManagers,
  "POST /api/hosts/[id]/new-guest/cloud-init": guestManagers,
  "DELETE /api/hosts/[id]/guests/[uuid]/cloud-init-seed": guestManagers,
  "DELETE /api/hosts/[id]/guests/[uuid]/unattended-media": guestManagers,
  "GET /api/cloud-init/snippets": guestManagers,
  "POST /api/cloud-init/snippets": guestManagers,
  "DELETE /api/cloud-init/snippets/[id]": guestManagers,
  "POST /api/hosts/[id]/new-guest/tree": guestManagers,
  "POST /api/hosts/[id]/new-guest/drafts": guestManagers,
  "DELETE /api/hosts/[id]/new-guest/drafts/[uuid]": guestManagers,
  "POST /api/hosts/[id]/new-guest/drafts/[uuid]/install": guestManagers,
  "POST /api/hosts/[id]/guests": guestManagers,
  // storage pools and volumes
  "GET /api/hosts/[id]/pools": storageViewers,
  "POST /api/hosts/[id]/pools": storageManagers,
  // the image library
  "GET /api/hosts/[id]/images": storageViewers,
  "POST /api/hosts/[id]/images": storageManagers,
  "PUT /api/hosts/[id]/images/upload": storageManagers,
  "DELETE /api/hosts/[id]/images/[image]": storageManagers,
  "GET /api/hosts/[id]/images/os-downloads": storageManagers,
  "GET /api/hosts/[id]/pools/[pool]": storageViewers,
  "DELETE /api/hosts/[id]/pools/[pool]": storageManagers,
  "GET /api/hosts/[id]/pools/[pool]/restore-points": storageViewers,
  "POST /api/hosts/[id]/pools/[pool]/action": storageManagers,
  "POST /api/hosts/[id]/pools/[pool]/volumes": storageManagers,
  "PATCH /api/hosts/[id]/pools/[pool]/volumes/[volume]": storageManagers,
  "DELETE /api/hosts/[id]/pools/[pool]/volumes/[volume]": storageManagers,
  "POST /api/hosts/[id]/pools/[pool]/volumes/[volume]/clone": storageManagers,
  "PUT /api/hosts/[id]/pools/[pool]/volumes/[volume]/upload": storageManagers,
  "GET /api/hosts/[id]/pools/[pool]/volumes/[volume]/download": storageManagers,
  "GET /api/jobs/[jobId]": everyone, // only the job's owner sees it: 404 for anyone else
  "DELETE /api/jobs/[jobId]": everyone,
  // schedules: the verbs check the right to do the action on the guest or tag; each person sees their own
  "GET /api/schedules": everyone,
  "POST /api/schedules": everyone,
  "DELETE /api/schedules/[id]": everyone,
  // networks and host interfaces
  "GET /api/hosts/[id]/networks": ["admin", "operator", "viewer"],
  "POST /api/hosts/[id]/networks": ["admin", "operator"],
  "GET /api/hosts/[id]/networks/[name]": ["admin", "operator", "viewer"],
  "POST /api/hosts/[id]/networks/[name]": ["admin", "operator"],
  "PATCH /api/hosts/[id]/networks/[name]": ["admin", "operator"],
  "DELETE /api/hosts/[id]/networks/[name]": ["admin", "operator"],
  "GET /api/hosts/[id]/interfaces": ["admin", "operator", "viewer"],
  "GET /api/admin/users": adminOnly,
  "POST /api/admin/users": adminOnly,
  "PATCH /api/admin/users/[id]": adminOnly,
  "DELETE /api/admin/users/[id]": adminOnly,
  "POST /api/admin/users/[id]/grants": adminOnly,
  "DELETE /api/admin/users/[id]/grants/[grantId]": adminOnly,
  "GET /api/admin/audit": adminOnly,
  "GET /api/admin/quotas": adminOnly,
  "POST /api/admin/quotas": adminOnly,
  "DELETE /api/admin/quotas/[quotaId]": adminOnly,
  "GET /api/admin/settings": adminOnly,
  "PATCH /api/admin/settings": adminOnly,
  "GET /api/admin/iso-library": adminOnly,
  // identity: sign-in steps, providers, a person's own account, the API reference
  "POST /api/auth/login/second-factor": "public",
  "POST /api/auth/login/enrol": "public",
  "GET /api/auth/oidc/[providerId]/start": "public",
  "GET /api/auth/oidc/[providerId]/callback": "public",
  "GET /api/admin/identity-providers": adminOnly,
  "POST /api/admin/identity-providers": adminOnly,
  "PUT /api/admin/identity-providers/[providerId]": adminOnly,
  "DELETE /api/admin/identity-providers/[providerId]": adminOnly,
  "DELETE /api/admin/users/[id]/two-factor": adminOnly,
  "GET /api/portal": everyone,
  "GET /api/account": everyone,
  "POST /api/account/password": everyone,
  "PUT /api/account/preferences": everyone,
  "GET /api/account/tokens": everyone,
  "POST /api/account/tokens": everyone,
  "DELETE /api/account/tokens/[tokenId]": everyone,
  "POST /api/account/two-factor": everyone,
  "PUT /api/account/two-factor": everyone,
  "DELETE /api/account/two-factor": everyone,
  "POST /api/account/two-factor/recovery-codes": everyone,
  "GET /api/openapi.json": everyone,
};

/** Only from a signed-in page: an API token gets 403 here whatever it may do (a person's own account, signing out). */
const sessionOnly = new Set([
  "POST /api/auth/logout",
  "GET /api/account",
  "POST /api/account/password",
  "PUT /api/account/preferences",
  "GET /api/account/tokens",
  "POST /api/account/tokens",
  "DELETE /api/account/tokens/[tokenId]",
  "POST /api/account/two-factor",
  "PUT /api/account/two-factor",
  "DELETE /api/account/two-factor",
  "POST /api/account/two-factor/recovery-codes",
]);

const wsTable: Record<string, readonly Role[]> = {
  "/ws/events": everyone,
  // Without a ticket every role is refused; consoles.spec.ts covers tickets.
  "/ws/vnc": [],
  "/ws/spice": [],
  "/ws/serial": [],
};

const roles: Role[] = ["admin", "operator", "helpdesk", "viewer", "none"];

function discoverRoutes(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (entry === "route.ts") {
        const urlPath = "/" + path.relative("app", path.dirname(full)).split(path.sep).join("/");
        for (const m of readFileSync(full, "utf8").matchAll(/export (?:const|async function) (GET|POST|PUT|PATCH|DELETE)\b/g))
          found.push(`${m[1]} ${urlPath}`);
      }
    }
  };
  walk("app/api");
  return found.sort();
}

function discoverWsPaths(): string[] {
  const source = readFileSync("lib/server/ws/endpoints.ts", "utf8");
  return [...source.matchAll(/^\s*"(\/ws\/[^"]+)":/gm)].map((m) => m[1]).sort();
}

// A well-formed UUID, so the guard's parameter check passes and the permission check is what answers.
const fill = (route: string) => route.replace(/\[uuid\]/g, "00000000-0000-4000-8000-000000000000").replace(/\[[^\]]+\]/g, "no-such-id");

async function call(ctx: APIRequestContext, method: string, url: string) {
  const res = await ctx.fetch(url, { method, data: method === "GET" ? undefined : {} });
  return res.status();
}

/** An API token of `username` that may do what `role` may, everywhere. */
async function makeToken(username: string, password: string, role: string, name: string): Promise<string> {
  const ctx = await apiAs(username, password);
  const res = await ctx.post("/api/account/tokens", { data: { name, expiresInDays: 1, grants: [{ role, scope: "global" }] } });
  expect(res.status(), await res.text()).toBe(200);
  const { secret } = (await res.json()) as { secret: string };
  await ctx.dispose();
  return secret;
}

test.describe("access control", () => {
  const sessions = new Map<Role, { username: string; password: string }>();
  /** Per role, an API token of that role's person (for "none": a viewer token whose owner's grant was then removed). */
  const tokens = new Map<Role, string>();
  let expiredToken = "";
  let revokedToken = "";

  /** Per role, one signed-in session and one token client, shared by every entry (signing in per call cost minutes). */
  const sessionClients = new Map<Role, APIRequestContext>();
  const tokenClients = new Map<Role | "expired" | "revoked", APIRequestContext>();

  test.afterAll(async () => {
    for (const ctx of [...sessionClients.values(), ...tokenClients.values()]) await ctx.dispose();
  });

  test.beforeAll(async ({ playwright }) => {
    const admin = await apiAs("admin", adminPassword);
    sessions.set("admin", { username: "admin", password: adminPassword });
    for (const role of ["operator", "helpdesk", "viewer"] as const) sessions.set(role, await createUser(admin, `acl-${role}`, { role }));
    const none = await createUser(admin, "acl-none", { role: "viewer" });
    sessions.set("none", none);
    for (const role of ["admin", "operator", "helpdesk", "viewer"] as const) {
      const { username, password } = sessions.get(role)!;
      tokens.set(role, await makeToken(username, password, role, `acl-${role}`));
    }
    tokens.set("none", await makeToken(none.username, none.password, "viewer", "acl-none"));
    // The owner loses the grant: the token, which may still say viewer, can do nothing from now on.
    const users = (await (await admin.get("/api/admin/users")).json()) as { id: string; grants: { id: string }[] }[];
    const grant = users.find((u) => u.id === none.id)!.grants[0].id;
    expect((await admin.delete(`/api/admin/users/${none.id}/grants/${grant}`)).status()).toBe(200);
    expiredToken = await makeToken("admin", adminPassword, "admin", "acl-expired");
    await withDb((db) => db.execute(`UPDATE "ApiToken" SET "expiresAt" = '2000-01-01T00:00:00.000Z' WHERE "name" = 'acl-expired'`));
    revokedToken = await makeToken("admin", adminPassword, "admin", "acl-revoked");
    const mine = (await (await admin.get("/api/account/tokens")).json()) as { id: string; name: string }[];
    expect((await admin.delete(`/api/account/tokens/${mine.find((t) => t.name === "acl-revoked")!.id}`)).status()).toBe(200);
    await admin.dispose();
    const tokenClient = (token: string) =>
      playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
    for (const role of roles) {
      const { username, password } = sessions.get(role)!;
      sessionClients.set(role, await apiAs(username, password));
      tokenClients.set(role, await tokenClient(tokens.get(role)!));
    }
    tokenClients.set("expired", await tokenClient(expiredToken));
    tokenClients.set("revoked", await tokenClient(revokedToken));
  });

  test("every API route and WebSocket path is in the table", () => {
    expect(discoverRoutes()).toEqual(Object.keys(apiTable).sort());
    expect(discoverWsPaths()).toEqual(Object.keys(wsTable).sort());
  });

  for (const [entry, access] of Object.entries(apiTable)) {
    const [method, route] = entry.split(" ");
    test(`${entry}: no session → ${access === "public" ? "served" : "401"}; roles as in the table`, async ({ playwright }) => {
      const anonymous = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
      const status = await call(anonymous, method, fill(route));
      await anonymous.dispose();
      if (access === "public") {
        expect(status).not.toBe(401);
        return;
      }
      expect(status).toBe(401);
      // Every role at once, by session and by token (no cookie, no Origin): what the token and its owner both may,
      // never more. Signing out gets a session of its own, so the shared ones live on.
      const url = fill(route);
      const signOut = entry === "POST /api/auth/logout";
      const bySession = await Promise.all(
        roles.map(async (role) => {
          if (!signOut) return call(sessionClients.get(role)!, method, url);
          const { username, password } = sessions.get(role)!;
          const ctx = await apiAs(username, password);
          const got = await call(ctx, method, url);
          await ctx.dispose();
          return got;
        }),
      );
      const byToken = await Promise.all(roles.map((role) => call(tokenClients.get(role)!, method, url)));
      for (const [i, role] of roles.entries()) {
        const got = bySession[i];
        if (access.includes(role)) expect(got, `${role} should pass the guard of ${entry}`).not.toBe(403);
        else expect(got, `${role} should be refused ${entry}`).toBe(403);
        expect(got, `${role} on ${entry}`).not.toBe(401);
        const viaToken = byToken[i];
        if (access.includes(role) && !sessionOnly.has(entry))
          expect(viaToken, `${role} token should pass the guard of ${entry}`).not.toBe(403);
        else expect(viaToken, `${role} token should be refused ${entry}`).toBe(403);
        expect(viaToken, `${role} token on ${entry}`).not.toBe(401);
      }
      expect(await call(tokenClients.get("expired")!, method, url), `expired token on ${entry}`).toBe(401);
      expect(await call(tokenClients.get("revoked")!, method, url), `revoked token on ${entry}`).toBe(401);
    });
  }

  test("mutations from another origin are refused even with a valid session", async () => {
    const ctx = await apiAs("admin", adminPassword);
    const res = await ctx.post("/api/admin/users", {
      data: { username: "csrf-victim", password: "a-long-password-1" },
      headers: { Origin: "http://evil.example" },
    });
    expect(res.status()).toBe(403);
    expect((await res.json()).error).toBe("Cross-site request refused");
    await ctx.dispose();
  });

  for (const [wsPath, allowed] of Object.entries(wsTable)) {
    test(`${wsPath}: no session → 401, foreign Origin → 403, roles as in the table`, async () => {
      const open = (headers: Record<string, string>) =>
        new Promise<{ status: number; first?: string }>((resolve) => {
          const ws = new WebSocket(baseURL.replace("http", "ws") + wsPath, { headers });
          ws.on("unexpected-response", (_req, res) => resolve({ status: res.statusCode ?? 0 }));
          ws.on("message", (data) => {
            resolve({ status: 101, first: data.toString() });
            ws.close();
          });
          ws.on("error", () => undefined);
        });
      expect((await open({ Origin: baseURL })).status).toBe(401);
      for (const role of roles) {
        const { username, password } = sessions.get(role)!;
        const ctx = await apiAs(username, password);
        const cookie = (await ctx.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
        expect((await open({ Origin: "http://evil.example", Cookie: cookie })).status).toBe(403);
        const result = await open({ Origin: baseURL, Cookie: cookie });
        if (allowed.includes(role)) expect(result.status, `${role} on ${wsPath}`).toBe(101);
        else expect(result.status, `${role} on ${wsPath}`).toBe(403);
        await ctx.dispose();
      }
    });
  }
});
