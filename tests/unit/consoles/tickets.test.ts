// Console tickets in the database (SQLite here; tests/integration/cluster/shared-state.test.ts races them on PostgreSQL).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConsoleTickets } from "@/lib/server/consoles/tickets";
import { createDb, type Db } from "@/lib/server/db";
import { migrate } from "@/lib/server/migrate";

const target = { hostId: "h1", uuid: "00000000-0000-4000-8000-000000000001", kind: "vnc" as const };
const dir = mkdtempSync(path.join(tmpdir(), "vc-tickets-"));
let database: Db;

beforeAll(async () => {
  const url = `file:${path.join(dir, "console.db")}`;
  await migrate(url);
  database = createDb(url);
});
afterAll(async () => {
  await database.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

const ticketsAt = (clock: () => number = Date.now) => new ConsoleTickets({ now: clock, db: () => database });

describe("console tickets", () => {
  it("work once, for the user and kind they were made for, for 30 seconds", async () => {
    let now = Date.now();
    const tickets = ticketsAt(() => now);
    const a = await tickets.mint("alice", target);
    expect(a.ticket).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.expiresAt).toBe(now + 30_000);
    expect(await tickets.redeem(a.ticket, "alice", "vnc")).toEqual({ ...target, device: undefined, force: undefined, display: undefined });
    expect(await tickets.redeem(a.ticket, "alice", "vnc")).toBeNull(); // used

    const b = await tickets.mint("alice", target);
    expect(await tickets.redeem(b.ticket, "bob", "vnc")).toBeNull(); // someone else's
    expect(await tickets.redeem(b.ticket, "alice", "vnc")).toBeNull(); // and a failed try uses it up

    const c = await tickets.mint("alice", target);
    expect(await tickets.redeem(c.ticket, "alice", "serial")).toBeNull(); // another kind

    const d = await tickets.mint("alice", { ...target, kind: "serial", device: "serial0", force: true });
    expect(await tickets.redeem(d.ticket, "alice", "serial")).toEqual({
      ...target,
      kind: "serial",
      device: "serial0",
      force: true,
      display: undefined,
    });

    const e = await tickets.mint("alice", target);
    now += 30_000;
    expect(await tickets.redeem(e.ticket, "alice", "vnc")).toBeNull(); // expired
    expect(await tickets.redeem("made-up", "alice", "vnc")).toBeNull();
  });

  it("are stored only as their hash, and are never the same twice", async () => {
    const tickets = ticketsAt();
    const minted = await Promise.all(Array.from({ length: 200 }, () => tickets.mint("u", target)));
    expect(new Set(minted.map((m) => m.ticket)).size).toBe(200);
    const rows = await database.consoleTicket.findMany({ where: { userId: "u" } });
    expect(rows).toHaveLength(200);
    const stored = JSON.stringify(rows);
    expect(minted.some((m) => stored.includes(m.ticket))).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.tokenHash))).toBe(true);
  });

  it("carry the display minting read, sealed: the row alone gives away neither address nor password", async () => {
    const tickets = ticketsAt();
    const display = { host: "127.0.0.1", port: 5931, password: "s3cret-pw", domainId: 42 };
    const minted = await tickets.mint("carol", { ...target, display });
    const row = await database.consoleTicket.findFirstOrThrow({ where: { userId: "carol" } });
    expect(row.display).toBeTruthy();
    for (const word of ["5931", "s3cret-pw", "127.0.0.1"]) expect(row.display).not.toContain(word);
    expect(await tickets.redeem(minted.ticket, "carol", "vnc")).toEqual({ ...target, device: undefined, force: undefined, display });

    // A row whose sealed display was tampered with still names the guest; the relay then reads the display afresh.
    const other = await tickets.mint("carol", { ...target, display });
    const stored = await database.consoleTicket.findFirstOrThrow({ where: { userId: "carol" } });
    const [iv, tag, sealed] = stored.display!.split(".");
    const flipped = Buffer.from(sealed, "base64url");
    flipped[0] ^= 1;
    await database.consoleTicket.update({
      where: { tokenHash: stored.tokenHash },
      data: { display: [iv, tag, flipped.toString("base64url")].join(".") },
    });
    expect(await tickets.redeem(other.ticket, "carol", "vnc")).toEqual({
      ...target,
      device: undefined,
      force: undefined,
      display: undefined,
    });
  });

  it("two uses racing on one ticket: exactly one gets the console", async () => {
    const tickets = ticketsAt();
    for (let round = 0; round < 20; round++) {
      const { ticket } = await tickets.mint("alice", target);
      const results = await Promise.all([tickets.redeem(ticket, "alice", "vnc"), tickets.redeem(ticket, "alice", "vnc")]);
      expect(results.filter((r) => r !== null)).toHaveLength(1);
    }
  });

  it("expired tickets are swept", async () => {
    let now = Date.now();
    const tickets = ticketsAt(() => now);
    await tickets.mint("sweep", target);
    now += 30_000;
    expect(await tickets.sweep()).toBeGreaterThanOrEqual(1);
    expect(await database.consoleTicket.count({ where: { userId: "sweep" } })).toBe(0);
  });
});

describe("SPICE tickets", () => {
  const spice = { ...target, kind: "spice" as const };

  it("open every channel of one session, until one of its sockets closes", async () => {
    const tickets = ticketsAt();
    const { ticket } = await tickets.mint("alice", spice);
    expect(await tickets.redeem(ticket, "alice", "spice")).toMatchObject({ kind: "spice" }); // main channel
    expect(await tickets.redeem(ticket, "alice", "spice")).toMatchObject({ kind: "spice" }); // display, inputs, …
    await tickets.endSession(ticket);
    expect(await tickets.redeem(ticket, "alice", "spice")).toBeNull();
  });

  it("are still personal, per kind, and spent by a wrong try", async () => {
    let now = Date.now();
    const tickets = ticketsAt(() => now);
    const a = (await tickets.mint("alice", spice)).ticket;
    expect(await tickets.redeem(a, "bob", "spice")).toBeNull();
    expect(await tickets.redeem(a, "alice", "spice")).toBeNull();
    const b = (await tickets.mint("alice", spice)).ticket;
    expect(await tickets.redeem(b, "alice", "vnc")).toBeNull();
    expect(await tickets.redeem(b, "alice", "spice")).toBeNull();
    const c = (await tickets.mint("alice", spice)).ticket;
    expect(await tickets.redeem(c, "alice", "spice")).not.toBeNull();
    now += 30_000;
    expect(await tickets.redeem(c, "alice", "spice")).toBeNull(); // 30 s at most, even while open
  });
});
