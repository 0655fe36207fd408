import { expect, test } from "@playwright/test";
import WebSocket from "ws";
import { adminPassword, baseURL } from "./fixtures";
import {
  answerOf,
  closeWaitCount,
  openDescriptors,
  origin,
  rawRequest,
  rawSocket,
  residentBytes,
  serverPid,
  signInFrom,
  upgradeRequest,
} from "./support/raw-http";

// Nobody, signed in or not, can exhaust the server's sockets. Resource use is compared before and after
// (descriptors, CLOSE-WAIT sockets, memory); nothing here measures time.

const attacker = "127.0.0.66";
const MiB = 1024 * 1024;

async function adminCookie(): Promise<string> {
  const { cookie } = await signInFrom("127.0.0.1", "admin", adminPassword);
  if (!cookie) throw new Error("admin could not sign in");
  return cookie;
}

test.describe("sockets", () => {
  test("thousands of refused WebSocket upgrades are each answered and closed; descriptors and memory return; others are served meanwhile", async () => {
    test.setTimeout(180_000);
    const pid = serverPid();
    const cookie = await adminCookie();
    const kinds: { path: string; headers: Record<string, string>; expect: number }[] = [
      { path: "/no-such-endpoint", headers: {}, expect: 404 },
      { path: "/ws/events", headers: { Origin: origin }, expect: 401 }, // no session
      { path: "/ws/events", headers: { Origin: "http://evil.example", Cookie: cookie }, expect: 403 },
      { path: "/ws/vnc?ticket=forged", headers: { Origin: origin, Cookie: cookie }, expect: 403 },
      { path: "/%E0%A4%A", headers: {}, expect: 404 },
    ];
    // One of each first: the first refusal loads the messages it is worded from (once per process, not per socket).
    for (const kind of kinds) await answerOf(await rawSocket(upgradeRequest(kind.path, kind.headers), attacker));
    const before = { fds: openDescriptors(pid), rss: residentBytes(pid) };
    const statuses = new Map<number, number>();
    let total = 0;
    for (let batch = 0; batch < 25; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 100 }, async (_, i) => {
          const kind = kinds[(batch * 100 + i) % kinds.length];
          const answer = await answerOf(await rawSocket(upgradeRequest(kind.path, kind.headers), attacker));
          return { kind, answer };
        }),
      );
      for (const { kind, answer } of answers) {
        const status = Number(answer.statusLine.split(" ")[1]);
        expect(status, `${kind.path}: ${answer.statusLine}`).toBe(kind.expect);
        expect(answer.closedByServer).toBe(true);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        total++;
      }
      // Meanwhile a signed-in person elsewhere is served.
      if (batch % 5 === 0) expect((await rawRequest({ path: "/api/auth/me", headers: { Cookie: cookie } })).status).toBe(200);
    }
    expect(total).toBe(2500);
    await expect.poll(() => closeWaitCount()).toBe(0);
    await expect.poll(() => openDescriptors(pid), { timeout: 20_000 }).toBeLessThanOrEqual(before.fds + 5);
    const after = { fds: openDescriptors(pid), rss: residentBytes(pid) };
    console.log(
      `2,500 refused upgrades (${[...statuses].map(([s, n]) => `${n}× ${s}`).join(", ")}): descriptors ${before.fds} → ${after.fds}, ` +
        `memory ${(before.rss / MiB).toFixed(0)} → ${(after.rss / MiB).toFixed(0)} MiB`,
    );
    expect(after.rss - before.rss).toBeLessThan(100 * MiB);
  });

  test("silent connections and slow handshakes are closed by the server; a signed-in person is served meanwhile", async () => {
    test.setTimeout(120_000);
    const pid = serverPid();
    const cookie = await adminCookie();
    const before = openDescriptors(pid);
    // Silent before TLS, silent inside TLS, and trickling headers over TLS and over plain HTTP.
    const silent = await Promise.all(Array.from({ length: 100 }, (_, i) => rawSocket("", attacker, { plain: i % 2 === 0 })));
    const slow = await Promise.all(
      Array.from({ length: 100 }, (_, i) => rawSocket("GET /login HTTP/1.1\r\n", attacker, { plain: i % 2 === 0 })),
    );
    const slowUpgrades = await Promise.all(
      Array.from({ length: 50 }, () => rawSocket(`GET /ws/events HTTP/1.1\r\nUpgrade: websocket\r\n`, attacker)),
    );
    const ends = [...silent, ...slow, ...slowUpgrades].map((s) => answerOf(s));
    // Keep trickling header lines, as a slow-handshake attack does, until the server gives up on them.
    const trickle = setInterval(() => {
      for (const s of [...slow, ...slowUpgrades]) if (!s.destroyed) s.write("X-Slow: 1\r\n");
    }, 1_000);
    expect(openDescriptors(pid)).toBeGreaterThanOrEqual(before + 200);
    expect((await rawRequest({ path: "/api/auth/me", headers: { Cookie: cookie } })).status).toBe(200);
    const results = await Promise.all(ends);
    clearInterval(trickle);
    expect(results.every((r) => r.closedByServer)).toBe(true);
    await expect.poll(() => openDescriptors(pid), { timeout: 20_000 }).toBeLessThanOrEqual(before + 5);
    console.log(`250 silent or slow connections closed by the server; descriptors ${before} → ${openDescriptors(pid)}`);
  });

  test("one address may hold only so many connections, and is told so; others are still served", async () => {
    const crowd = await Promise.all(Array.from({ length: 256 }, () => rawSocket("", "127.0.0.67")));
    const refused = await answerOf(await rawSocket("GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", "127.0.0.67"));
    expect(refused.statusLine).toBe("HTTP/1.1 503 Service Unavailable");
    expect((await rawRequest({ path: "/login", from: "127.0.0.68" })).status).toBe(200);
    for (const s of crowd) s.destroy();
  });

  test("one person may hold only so many WebSockets, and the next is refused with a clear answer", async () => {
    const { cookie } = await signInFrom("127.0.0.69", "admin", adminPassword);
    const open = () =>
      new Promise<{ ws?: WebSocket; status: number; message?: string }>((resolve) => {
        const ws = new WebSocket(baseURL.replace("http", "ws") + "/ws/events", { headers: { Origin: origin, Cookie: cookie! } });
        ws.on("open", () => resolve({ ws, status: 101 }));
        ws.on("unexpected-response", (_req, res) => {
          let body = "";
          res.on("data", (d: Buffer) => (body += d));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, message: (JSON.parse(body) as { error: string }).error }));
        });
        ws.on("error", () => undefined);
      });
    const held: WebSocket[] = [];
    for (;;) {
      const result = await open();
      if (!result.ws) {
        expect(result.status).toBe(429);
        expect(result.message).toMatch(/too many pages and consoles open/);
        break;
      }
      held.push(result.ws);
      expect(held.length).toBeLessThanOrEqual(64);
    }
    expect(held.length).toBe(64);
    for (const ws of held) ws.close();
  });
});
