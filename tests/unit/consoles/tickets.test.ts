import { describe, expect, it } from "vitest";
import { ConsoleTickets } from "@/lib/server/consoles/tickets";

const target = { hostId: "h1", uuid: "00000000-0000-4000-8000-000000000001", kind: "vnc" as const };

describe("console tickets", () => {
  it("work once, for the user and kind they were made for, for 30 seconds", () => {
    let now = 1_000_000;
    const tickets = new ConsoleTickets(() => now);
    const a = tickets.mint("alice", target);
    expect(a.ticket).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.expiresAt).toBe(now + 30_000);
    expect(tickets.redeem(a.ticket, "alice", "vnc")).toEqual({ ...target, device: undefined, force: undefined });
    expect(tickets.redeem(a.ticket, "alice", "vnc")).toBeNull(); // used

    const b = tickets.mint("alice", target);
    expect(tickets.redeem(b.ticket, "bob", "vnc")).toBeNull(); // someone else's
    expect(tickets.redeem(b.ticket, "alice", "vnc")).toBeNull(); // and a failed try uses it up

    const c = tickets.mint("alice", target);
    expect(tickets.redeem(c.ticket, "alice", "serial")).toBeNull(); // another kind

    const d = tickets.mint("alice", target);
    now += 30_000;
    expect(tickets.redeem(d.ticket, "alice", "vnc")).toBeNull(); // expired
    expect(tickets.redeem("made-up", "alice", "vnc")).toBeNull();
  });

  it("are never the same twice", () => {
    const tickets = new ConsoleTickets();
    const seen = new Set(Array.from({ length: 1000 }, () => tickets.mint("u", target).ticket));
    expect(seen.size).toBe(1000);
  });
});
