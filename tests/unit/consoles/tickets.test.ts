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

describe("SPICE tickets", () => {
  const spice = { ...target, kind: "spice" as const };

  it("open every channel of one session, until one of its sockets closes", () => {
    const tickets = new ConsoleTickets();
    const { ticket } = tickets.mint("alice", spice);
    expect(tickets.redeem(ticket, "alice", "spice")).toMatchObject({ kind: "spice" }); // main channel
    expect(tickets.redeem(ticket, "alice", "spice")).toMatchObject({ kind: "spice" }); // display, inputs, …
    tickets.endSession(ticket);
    expect(tickets.redeem(ticket, "alice", "spice")).toBeNull();
  });

  it("are still personal, per kind, and spent by a wrong try", () => {
    let now = 0;
    const tickets = new ConsoleTickets(() => now);
    const a = tickets.mint("alice", spice).ticket;
    expect(tickets.redeem(a, "bob", "spice")).toBeNull();
    expect(tickets.redeem(a, "alice", "spice")).toBeNull();
    const b = tickets.mint("alice", spice).ticket;
    expect(tickets.redeem(b, "alice", "vnc")).toBeNull();
    expect(tickets.redeem(b, "alice", "spice")).toBeNull();
    const c = tickets.mint("alice", spice).ticket;
    expect(tickets.redeem(c, "alice", "spice")).not.toBeNull();
    now += 30_000;
    expect(tickets.redeem(c, "alice", "spice")).toBeNull(); // 30 s at most, even while open
  });
});
