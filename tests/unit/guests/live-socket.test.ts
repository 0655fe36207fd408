import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LiveSocket, type LiveStatus, type SocketLike } from "@/lib/client/live-socket";
import type { QueryKey } from "@/lib/client/live-keys";
import type { GuestStatePatch } from "@/lib/client/guest-patch";

class FakeSocket implements SocketLike {
  onmessage: SocketLike["onmessage"] = null;
  onclose: SocketLike["onclose"] = null;
  onerror: SocketLike["onerror"] = null;
  closed = false;
  receive(msg: unknown) {
    this.onmessage?.({ data: JSON.stringify(msg) });
  }
  drop(code = 1006, reason = "") {
    this.onclose?.({ code, reason });
  }
  close() {
    this.closed = true;
    this.onclose?.();
  }
}

function setup() {
  const ended: string[] = [];
  const sockets: FakeSocket[] = [];
  const statuses: LiveStatus["status"][] = [];
  const invalidated: QueryKey[][] = [];
  const patches: GuestStatePatch[] = [];
  const live = new LiveSocket({
    url: "ws://x/ws/events",
    createSocket: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s;
    },
    onStatus: (s) => statuses.push(s.status),
    onInvalidate: (keys) => invalidated.push(keys),
    onStatePatch: (p) => patches.push(p),
    onAccessEnded: (reason) => ended.push(reason),
    random: () => 0.5,
    now: () => 0,
  });
  return { live, sockets, statuses, invalidated, ended, patches };
}

describe("LiveSocket", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("is open after the server's hello and batches a burst of events into one invalidation", () => {
    const { live, sockets, statuses, invalidated } = setup();
    live.start();
    sockets[0].receive({ type: "hello" });
    expect(statuses).toEqual(["connecting", "open"]);
    sockets[0].receive({ type: "domain", hostId: "h", uuid: "u1" });
    sockets[0].receive({ type: "domain", hostId: "h", uuid: "u2" });
    sockets[0].receive({ type: "garbage" });
    expect(invalidated).toEqual([]);
    vi.advanceTimersByTime(150);
    expect(invalidated).toEqual([[["guests"], ["guest", "h", "u1"], ["hosts", "h", "overview"], ["guest", "h", "u2"]]]);
    live.stop();
  });

  it("hands a lifecycle change's new state on at once, and re-reads after the batch as before", () => {
    const { live, sockets, invalidated, patches } = setup();
    live.start();
    sockets[0].receive({ type: "hello" });
    sockets[0].receive({ type: "domain", hostId: "h", uuid: "u1", event: 3, detail: 0, state: "paused", reason: "paused" });
    sockets[0].receive({ type: "domain", hostId: "h", uuid: "u2", event: 0, detail: 0 });
    expect(patches).toEqual([{ hostId: "h", uuid: "u1", state: "paused", reason: "paused" }]);
    expect(invalidated).toEqual([]);
    vi.advanceTimersByTime(150);
    expect(invalidated).toHaveLength(1);
    live.stop();
  });

  it("reconnects with growing delays and re-reads everything once it is back", () => {
    const { live, sockets, statuses, invalidated } = setup();
    live.start();
    sockets[0].receive({ type: "hello" });
    sockets[0].drop();
    expect(statuses.at(-1)).toBe("down");
    vi.advanceTimersByTime(999);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    sockets[1].drop();
    vi.advanceTimersByTime(1999);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);
    sockets[2].receive({ type: "hello" });
    expect(statuses.at(-1)).toBe("open");
    vi.advanceTimersByTime(150);
    expect(invalidated).toEqual([[["guests"], ["hosts"], ["guest"]]]);
    // Back to the shortest delay after a successful connection.
    sockets[2].drop();
    vi.advanceTimersByTime(1000);
    expect(sockets).toHaveLength(4);
    live.stop();
  });

  it("goes straight back when the server says it is restarting (1012), and re-reads what it may have missed", () => {
    const { live, sockets, invalidated } = setup();
    live.start();
    sockets[0].receive({ type: "hello" });
    sockets[0].drop(1012, "The server is restarting");
    vi.advanceTimersByTime(299);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    sockets[1].receive({ type: "hello" });
    vi.advanceTimersByTime(150);
    expect(invalidated).toEqual([[["guests"], ["hosts"], ["guest"]]]);
    live.stop();
  });

  it("re-reads everything when the server says events may have been missed", () => {
    const { live, sockets, invalidated } = setup();
    live.start();
    sockets[0].receive({ type: "hello" });
    sockets[0].receive({ type: "resync" });
    vi.advanceTimersByTime(150);
    expect(invalidated).toEqual([[["guests"], ["hosts"], ["guest"], ["pools"], ["networks"], ["console-presence"]]]);
    live.stop();
  });

  it("wakes up at once instead of waiting out the backoff, and stops for good", () => {
    const { live, sockets } = setup();
    live.start();
    sockets[0].drop();
    live.wake();
    expect(sockets).toHaveLength(2);
    live.wake(); // already connecting: no second socket
    expect(sockets).toHaveLength(2);
    live.stop();
    expect(sockets[1].closed).toBe(true);
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(2);
  });

  it("stops for good and says why when the server ends the person's access", () => {
    const { live, sockets, statuses, ended } = setup();
    live.start();
    sockets[0].receive({ type: "hello" });
    sockets[0].drop(4001, "signed-out");
    expect(ended).toEqual(["signed-out"]);
    expect(statuses.at(-1)).toBe("down");
    vi.advanceTimersByTime(120_000);
    expect(sockets).toHaveLength(1); // no reconnect attempt
  });

  it("an unknown reason with the access code is an ordinary drop and reconnects", () => {
    const { live, sockets, ended } = setup();
    live.start();
    sockets[0].drop(4001, "made-up");
    vi.advanceTimersByTime(60_000);
    expect(ended).toEqual([]);
    expect(sockets.length).toBeGreaterThan(1);
    live.stop();
  });
});
