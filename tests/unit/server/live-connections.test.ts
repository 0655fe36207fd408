import { describe, expect, it, vi } from "vitest";
import type { AccessEndedReason } from "@/lib/auth/access-ended";
import type { Actor } from "@/lib/server/auth/session";
import { LiveConnections } from "@/lib/server/ws/live-connections";
import { can, type Grant } from "@/lib/roles";

const guestGrant: Grant = { role: "helpdesk", scope: "guest", hostId: "h1", guestUuid: "g1" };
const actor = (grants: Grant[], sessionId = "s1"): Actor => ({
  id: "u1",
  username: "helen",
  displayName: "Helen",
  sessionId,
  sessionExpiresAt: new Date(Date.now() + 3_600_000),
  grants,
});

function consoleConnection(a: Actor) {
  const ended: AccessEndedReason[] = [];
  const scope = { kind: "guest", hostId: "h1", guestUuid: "g1" } as const;
  return {
    ended,
    connection: {
      actor: a,
      lostAccess: (now: Actor) => (can(now.grants, "guest.console", scope) ? null : ("guest-access-removed" as const)),
      end: (reason: AccessEndedReason) => ended.push(reason),
    },
  };
}

describe("live connections re-check access", () => {
  it("ends a console whose grant was removed, with its own reason, and keeps one still granted", async () => {
    let current: Actor | null = actor([guestGrant]);
    const live = new LiveConnections(async () => current);
    const a = consoleConnection(actor([guestGrant]));
    live.add(a.connection);
    await live.recheckUser("u1", "signed-out");
    expect(a.ended).toEqual([]);
    current = actor([]);
    await live.recheckUser("u1", "signed-out");
    expect(a.ended).toEqual(["guest-access-removed"]);
  });

  it("ends only the connections of a session that ended, with the reason given", async () => {
    const sessions: Record<string, Actor | null> = { s1: null, s2: actor([guestGrant], "s2") };
    const live = new LiveConnections(async (id) => sessions[id]);
    const first = consoleConnection(actor([guestGrant], "s1"));
    const second = consoleConnection(actor([guestGrant], "s2"));
    live.add(first.connection);
    live.add(second.connection);
    await live.recheckUser("u1", "disabled");
    expect(first.ended).toEqual(["disabled"]);
    expect(second.ended).toEqual([]);
  });

  it("forgets a connection once it is unregistered", async () => {
    const live = new LiveConnections(async () => null);
    const a = consoleConnection(actor([guestGrant]));
    const unregister = live.add(a.connection);
    expect(live.countFor("u1")).toBe(1);
    unregister();
    expect(live.countFor("u1")).toBe(0);
    await live.recheckUser("u1", "deleted");
    expect(a.ended).toEqual([]);
  });

  it("ends a connection when its session expires, without anyone asking", async () => {
    vi.useFakeTimers();
    try {
      const expiring = { ...actor([guestGrant]), sessionExpiresAt: new Date(Date.now() + 5_000) };
      const live = new LiveConnections(async () => (Date.now() < expiring.sessionExpiresAt.getTime() ? expiring : null));
      const a = consoleConnection(expiring);
      live.add(a.connection);
      await vi.advanceTimersByTimeAsync(4_000);
      expect(a.ended).toEqual([]);
      await vi.advanceTimersByTimeAsync(2_000);
      expect(a.ended).toEqual(["expired"]);
    } finally {
      vi.useRealTimers();
    }
  });
});
