import { expect, test } from "@playwright/test";
import { e2eTrustedProxy } from "../../playwright.config";
import { adminPassword, apiAs, createUser, withDb } from "./fixtures";
import { openDescriptors, origin, port, rawRequest, rawSocket, answerOf, residentBytes, serverPid, signInFrom } from "./support/raw-http";

// The client address is the socket's, forwarded headers count only from the trusted proxy, and throttling
// cannot be turned against a person who did nothing wrong. Each test plays its clients from its own
// loopback addresses, so it neither depends on nor disturbs the others' counters.

async function auditIpOf(action: string, username: string): Promise<string> {
  return withDb(async (db) => {
    const rows = await db.execute({
      sql: `SELECT ip FROM "AuditLog" WHERE action = ? AND actor = ? ORDER BY at DESC LIMIT 1`,
      args: [action, username],
    });
    return String(rows.rows[0]?.ip ?? "");
  });
}

test.describe("client address and sign-in throttling", () => {
  test("wrong passwords for made-up names from one address lock that address, not everyone", async () => {
    const sprayer = "127.0.0.21";
    for (let i = 0; i < 20; i++) expect((await signInFrom(sprayer, `nobody-${i}-${Date.now()}`, "guess")).status).toBe(401);
    const locked = await signInFrom(sprayer, "admin", adminPassword);
    expect(locked.status).toBe(429);
    expect(locked.error).toMatch(/Too many failed sign-in attempts\. Try again in \d+ minutes?\./);
    // Everyone else signs in as usual.
    expect((await signInFrom("127.0.0.22", "admin", adminPassword)).status).toBe(200);
    expect((await signInFrom("127.0.0.1", "admin", adminPassword)).status).toBe(200);
  });

  test("a stranger who knows a user name cannot keep that person out", async () => {
    const admin = await apiAs("admin", adminPassword);
    const victim = await createUser(admin, "victim", { role: "viewer" });
    await admin.dispose();
    // Five wrong passwords for the victim from one address: that address may not try the victim again…
    for (let i = 0; i < 5; i++) expect((await signInFrom("127.0.0.23", victim.username, "wrong")).status).toBe(401);
    expect((await signInFrom("127.0.0.23", victim.username, victim.password)).status).toBe(429);
    // …but the victim, at their own desk, signs in.
    expect((await signInFrom("127.0.0.24", victim.username, victim.password)).status).toBe(200);
  });

  test("failures spread over many addresses only slow the account down, never lock it", async () => {
    test.setTimeout(120_000);
    const admin = await apiAs("admin", adminPassword);
    const victim = await createUser(admin, "sprayed", { role: "viewer" });
    await admin.dispose();
    // Ten addresses, one failure each: no address reaches its own limit; the account reaches its slowdown threshold.
    for (let i = 0; i < 10; i++) expect((await signInFrom(`127.0.1.${i + 1}`, victim.username, "wrong")).status).toBe(401);
    expect((await signInFrom("127.0.1.200", victim.username, victim.password)).status).toBe(200);
  });

  test("X-Forwarded-For from an ordinary client is ignored: its lock holds and the audit shows the real address", async () => {
    const forger = "127.0.0.25";
    for (let i = 0; i < 20; i++) {
      const res = await signInFrom(forger, `forged-${i}`, "guess", { "X-Forwarded-For": `198.51.100.${i}` });
      expect(res.status).toBe(401);
    }
    expect((await signInFrom(forger, "admin", adminPassword, { "X-Forwarded-For": "198.51.100.250" })).status).toBe(429);
    expect(await auditIpOf("auth.login", "forged-19")).toBe(forger);
  });

  test("through the trusted proxy, the client it names is the address audited and throttled", async () => {
    const ok = await signInFrom(e2eTrustedProxy, "admin", adminPassword, { "X-Forwarded-For": "1.2.3.4, 203.0.113.7" });
    expect(ok.status).toBe(200);
    const logout = await rawRequest({
      method: "POST",
      path: "/api/auth/logout",
      from: e2eTrustedProxy,
      headers: { Cookie: ok.cookie!, Origin: origin, "X-Forwarded-For": "203.0.113.7" },
    });
    expect(logout.status).toBe(200);
    expect(await auditIpOf("auth.logout", "admin")).toBe("203.0.113.7");
  });
});

test.describe("request bodies", () => {
  test("a huge sign-in body is refused on its length before it is read, and memory stays put", async () => {
    const pid = serverPid();
    const before = residentBytes(pid);
    const socket = await rawSocket(
      "POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 314572800\r\n\r\n" +
        '{"username":"' +
        "a".repeat(60_000),
      "127.0.0.31",
    );
    const answer = await answerOf(socket);
    expect(answer.statusLine).toBe("HTTP/1.1 413 Payload Too Large");
    expect(answer.closedByServer).toBe(true);
    expect(residentBytes(pid) - before).toBeLessThan(64 * 1024 * 1024);
    expect(openDescriptors(pid)).toBeGreaterThan(0);
  });

  test("a sign-in body without a length is cut off while streaming", async () => {
    const socket = await rawSocket(
      `POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n` +
        `Origin: ${origin}\r\n\r\n`,
      "127.0.0.32",
    );
    const answer = answerOf(socket);
    const chunk = "x".repeat(8192);
    for (let i = 0; i < 64 && !socket.destroyed; i++) socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    const result = await answer;
    expect(result.statusLine).toBe("HTTP/1.1 413 Payload Too Large");
  });

  test("signed-in JSON bodies have a default cap with a clear message", async () => {
    const { cookie } = await signInFrom("127.0.0.33", "admin", adminPassword);
    const res = await rawRequest({
      method: "POST",
      path: "/api/admin/users",
      from: "127.0.0.33",
      headers: { Cookie: cookie!, Origin: origin, "Content-Type": "application/json" },
      body: JSON.stringify({ username: "big", password: "p".repeat(2 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error).toBe("The request body is larger than 1 MiB");
  });
});
