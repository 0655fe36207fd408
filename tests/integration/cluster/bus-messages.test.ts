// What one instance tells the others over PostgreSQL's LISTEN/NOTIFY, heard by this one as another process
// would send it (a notification from another instance id): live events reach this instance's browsers,
// an access change closes this instance's sockets of that person, a host command changes its connection.
import { EventEmitter } from "node:events";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresBinDir, startPostgres } from "../../helpers/postgres";

let server: { url: string; stop: () => Promise<void> };
let other: pg.Client;
const stops: Array<() => void> = [];

/** A message as another instance publishes it (lib/server/cluster/bus.ts). */
const fromOther = (channel: string, payload: unknown) =>
  other.query("SELECT pg_notify('virt_console', $1)", [JSON.stringify({ channel, from: "i-another", payload })]);

class FakeSocket extends EventEmitter {
  bufferedAmount = 0;
  received: unknown[] = [];
  closedWith: [number, string] | null = null;
  send(text: string) {
    this.received.push(JSON.parse(text));
  }
  close(code: number, reason: string) {
    this.closedWith = [code, reason];
    this.emit("close");
  }
}

beforeAll(async () => {
  const bin = postgresBinDir();
  if (!bin) throw new Error("PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)");
  server = await startPostgres(bin);
  process.env.DATABASE_URL = server.url;
  const { migrate } = await import("@/lib/server/migrate");
  await migrate(server.url);
  const { listenForLiveEvents } = await import("@/lib/server/ws/listen-live");
  const { listenForAccessChanges } = await import("@/lib/server/auth/access-changed");
  const { listenForHostCommands } = await import("@/lib/server/hosts/host-commands");
  stops.push(listenForLiveEvents(), listenForAccessChanges(), listenForHostCommands());
  const { bus } = await import("@/lib/server/cluster/bus");
  await (bus() as unknown as { ready(): Promise<void> }).ready();
  other = new pg.Client({ connectionString: server.url });
  await other.connect();
});

afterAll(async () => {
  for (const stop of stops) stop();
  await other?.end();
  const { bus } = await import("@/lib/server/cluster/bus");
  const { db } = await import("@/lib/server/db");
  await bus().close();
  await db().$disconnect();
  await server?.stop();
});

const actor = (id: string, grants: { role: "admin"; scope: "global"; hostId: null; guestUuid: null }[]) => ({
  id,
  username: id,
  displayName: id,
  sessionId: `no-such-session-${id}`,
  sessionExpiresAt: new Date(Date.now() + 3_600_000),
  grants,
});

describe("messages from another instance", () => {
  it("its live events reach the browsers connected here", async () => {
    const { eventsHub } = await import("@/lib/server/ws/events-hub");
    const ws = new FakeSocket();
    eventsHub().add(ws as never, actor("watcher", [{ role: "admin", scope: "global", hostId: null, guestUuid: null }]));
    await fromOther("events", {
      variants: [
        {
          event: { type: "domain", hostId: "h1", uuid: "g1" },
          to: { permission: "guest.view", scope: { kind: "guest", hostId: "h1", guestUuid: "g1" } },
        },
      ],
    });
    await expect.poll(() => ws.received, { timeout: 15_000 }).toContainEqual({ type: "domain", hostId: "h1", uuid: "g1" });
    ws.close(1000, "");
  });

  it("an access change made there closes this person's sockets here, with the reason", async () => {
    const { eventsHub } = await import("@/lib/server/ws/events-hub");
    const ws = new FakeSocket();
    // Their session is gone from the database (disabled there), so the re-check here ends the socket.
    eventsHub().add(ws as never, actor("leaver", []));
    await fromOther("access", { userId: "leaver", reason: "disabled" });
    await expect.poll(() => ws.closedWith, { timeout: 15_000 }).toEqual([4001, "disabled"]);
  });

  it("a host parked there is parked here too", async () => {
    const { hostPool } = await import("@/lib/server/hosts/host-pool");
    await fromOther("hosts", { hostId: "h-parked", action: "park" });
    await expect.poll(() => hostPool().status("h-parked")?.state, { timeout: 15_000 }).toBe("disconnected");
    await expect(hostPool().get("h-parked")).rejects.toThrow(/disconnected by an administrator/);
  });
});
