import { expect, test } from "@playwright/test";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { e2eDataDir, e2eServerLog } from "../../playwright.config";
import { adminPassword } from "./fixtures";
import { origin, rawRequest, signInFrom } from "./support/raw-http";

// Malformed input of every kind gets a 4xx, never a 5xx, a hang or an unhandled rejection in the server's log.

function apiRoutes(): { method: string; route: string }[] {
  const found: { method: string; route: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (entry === "route.ts") {
        const route = "/" + path.relative("app", path.dirname(full)).split(path.sep).join("/");
        for (const m of readFileSync(full, "utf8").matchAll(/export (?:const|async function) (GET|POST|PUT|PATCH|DELETE)\b/g))
          found.push({ method: m[1], route });
      }
    }
  };
  walk("app/api");
  return found.sort((a, b) => `${a.method} ${a.route}`.localeCompare(`${b.method} ${b.route}`));
}

const hostileParams = ["%00", "..%2F..%2Fetc", "a".repeat(300), "%3Cscript%3E", "'%20OR%201=1--", "%E2%80%AE", "-1", "%F0%9F%92%A9"];
const hostileQueries = ["?limit=-1&offset=1e309", "?x[]=1&x[]=2&__proto__=1", "?from=not-a-date&to=%00", `?q=${"%FF".repeat(50)}`];
const hostileBodies: { type: string; body: string }[] = [
  { type: "application/json", body: "{" },
  { type: "application/json", body: "[]" },
  { type: "application/json", body: "null" },
  { type: "application/json", body: JSON.stringify({ __proto__: { admin: true }, constructor: { prototype: { x: 1 } } }) },
  { type: "application/json", body: JSON.stringify({ name: { $gt: "" }, sizeBytes: 1e308, count: -1, flags: "1|2", id: ["a"] }) },
  { type: "application/json", body: "[".repeat(5000) + "]".repeat(5000) },
  { type: "text/plain", body: "name=x" },
];

test.describe("robustness", () => {
  test("the data directory and every file in it are private to the console's user", () => {
    const walk = (p: string): { p: string; mode: number; dir: boolean }[] => {
      const st = statSync(p);
      const here = { p, mode: st.mode & 0o777, dir: st.isDirectory() };
      return st.isDirectory() ? [here, ...readdirSync(p).flatMap((n) => walk(path.join(p, n)))] : [here];
    };
    const entries = walk(e2eDataDir);
    expect(entries.some((e) => e.p.endsWith("console.db"))).toBe(true);
    for (const e of entries) expect(e.mode.toString(8), e.p).toBe(e.dir ? "700" : "600");
  });

  test("malformed cookies mean 'not signed in', answered at once", async () => {
    for (const cookie of [
      "vc_session=%E0%A4%A",
      "vc_session=%",
      "vc_session",
      "vc_session=; vc_session=%ZZ",
      "=;=;=",
      "vc_session=" + "x".repeat(8000),
    ]) {
      expect((await rawRequest({ path: "/api/auth/me", headers: { Cookie: cookie } })).status, cookie).toBe(401);
      const page = await rawRequest({ path: "/guests", headers: { Cookie: cookie } });
      expect(page.status, cookie).toBe(302);
      expect(page.headers.location).toBe("/login?next=%2Fguests");
    }
  });

  test("malformed paths are 400, unknown methods 405 with Allow", async () => {
    expect((await rawRequest({ path: "/%E0%A4%A" })).status).toBe(400);
    expect((await rawRequest({ path: "/api/hosts/%E0%A4%A" })).status).toBe(400);
    for (const method of ["TRACE", "OPTIONS", "PROPFIND", "CONNECT"]) {
      const res = await rawRequest({ method, path: method === "CONNECT" ? "127.0.0.1:22" : "/api/hosts" }).catch(() => null);
      if (method === "CONNECT") continue; // Node answers CONNECT itself (closing the socket); it never reaches the app
      expect(res?.status, method).toBe(405);
      expect(res?.headers.allow).toBe("GET, HEAD, POST, PUT, PATCH, DELETE");
    }
  });

  test("a bounded fuzz of every API route: hostile params, queries, bodies and cookies never give a 5xx or an unhandled rejection", async () => {
    test.setTimeout(300_000);
    const logStart = readFileSync(e2eServerLog, "utf8").length;
    const { cookie } = await signInFrom("127.0.0.41", "admin", adminPassword);
    const hostId = ((await rawRequest({ path: "/api/hosts", headers: { Cookie: cookie! } })).body.match(/"id":"([^"]+)"/) ?? [])[1];
    const failures: string[] = [];
    let sent = 0;
    const send = async (method: string, url: string, body?: { type: string; body: string }, cookieHeader = cookie!) => {
      // Signing out is fuzzed with a session of its own, so the others keep theirs.
      const who = url === "/api/auth/logout" ? (await signInFrom("127.0.0.41", "admin", adminPassword)).cookie! : cookieHeader;
      const res = await rawRequest({
        method,
        path: url,
        from: "127.0.0.41",
        headers: { Cookie: who, Origin: origin, ...(body ? { "Content-Type": body.type } : {}) },
        body: body?.body,
      });
      sent++;
      if (res.status >= 500)
        failures.push(`${method} ${url} ${body ? body.body.slice(0, 40) : ""} → ${res.status} ${res.body.slice(0, 120)}`);
    };
    for (const { method, route } of apiRoutes()) {
      if (route === "/api/auth/login") continue; // a sign-in has no session to fuzz with; security-signin.spec.ts covers it
      const withBody = method !== "GET" && method !== "DELETE";
      // The real host reaches the routes below it; but a DELETE on the host itself has no body to refuse and would
      // really remove it (and with it the host every later spec uses), so that one is fuzzed on a made-up id.
      const realHost = (r: string) => {
        const replaced = hostId ? r.replace("[id]", hostId) : r;
        return method === "DELETE" && !replaced.includes("[") ? r : replaced;
      };
      for (const value of hostileParams) {
        const url = route.replace(/\[[^\]]+\]/g, value);
        await send(method, url, withBody ? hostileBodies[0] : undefined);
        if (route.includes("[id]") && route.split("[").length > 2) await send(method, realHost(route).replace(/\[[^\]]+\]/g, value));
      }
      const base = realHost(route)
        .replace(/\[uuid\]/g, "00000000-0000-4000-8000-000000000000")
        .replace(/\[[^\]]+\]/g, "no-such-thing");
      for (const query of hostileQueries) await send(method, base + query);
      if (withBody) for (const body of hostileBodies) await send(method, base, body);
      await send(method, base, undefined, "vc_session=%E0%A4%A");
    }
    const log = readFileSync(e2eServerLog, "utf8").slice(logStart);
    console.log(`fuzz: ${sent} requests over ${apiRoutes().length} route methods`);
    expect(failures).toEqual([]);
    expect(log).not.toMatch(/unhandled|request failed:|⨯/i);
  });
});
