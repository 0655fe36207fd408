// Live events as data: who hears which form of an event is decided on each subscriber from a serialisable
// visibility, so the event can come from another instance over the bus.
import { EventEmitter } from "node:events";
import { afterAll, describe, expect, it } from "vitest";
import type { Grant } from "@/lib/roles";
import type { Actor } from "@/lib/server/auth/session";
import { bus } from "@/lib/server/cluster/bus";
import { broadcastLive } from "@/lib/server/ws/broadcast-live";
import { eventsHub } from "@/lib/server/ws/events-hub";
import { listenForLiveEvents } from "@/lib/server/ws/listen-live";
import type { LiveVariant } from "@/lib/server/ws/visibility";

class FakeSocket extends EventEmitter {
  bufferedAmount = 0;
  received: unknown[] = [];
  send(text: string) {
    this.received.push(JSON.parse(text));
  }
  close() {
    this.emit("close");
  }
  terminate() {
    this.emit("close");
  }
}

const actor = (username: string, grants: Grant[]): Actor => ({
  id: username,
  username,
  displayName: username,
  sessionId: `s-${username}`,
  sessionExpiresAt: new Date(Date.now() + 3_600_000),
  grants,
});

function subscriber(username: string, grants: Grant[]): FakeSocket {
  const ws = new FakeSocket();
  eventsHub().add(ws as never, actor(username, grants));
  ws.received = []; // the hello
  return ws;
}

const statusVariants: LiveVariant[] = [
  {
    event: { type: "host.status", hostId: "h1", status: { state: "retrying", message: "gone" } },
    to: { permission: "host.view", scope: { kind: "host", hostId: "h1" } },
  },
  {
    event: { type: "host.status", hostId: "h1" },
    to: { permission: "guest.view", scope: { kind: "host", hostId: "h1" }, orOnItsGuests: true },
  },
];

const stopListening = listenForLiveEvents();
afterAll(() => stopListening());

describe("live events", () => {
  it("each subscriber hears the first form meant for them, or nothing", () => {
    const viewer = subscriber("viewer", [{ role: "viewer", scope: "host", hostId: "h1", guestUuid: null }]);
    const helpdesk = subscriber("helpdesk", [{ role: "helpdesk", scope: "guest", hostId: "h1", guestUuid: "g1" }]);
    const stranger = subscriber("stranger", [{ role: "admin", scope: "host", hostId: "h2", guestUuid: null }]);
    eventsHub().publish(statusVariants);
    expect(viewer.received).toEqual([statusVariants[0].event]);
    expect(helpdesk.received).toEqual([{ type: "host.status", hostId: "h1" }]);
    expect(stranger.received).toEqual([]);
    for (const ws of [viewer, helpdesk, stranger]) ws.close();
  });

  it("travel through the bus, as data, to this instance's subscribers; a malformed message is dropped", async () => {
    const admin = subscriber("admin", [{ role: "admin", scope: "global", hostId: null, guestUuid: null }]);
    const other = subscriber("other-guest", [{ role: "viewer", scope: "guest", hostId: "h1", guestUuid: "g2" }]);
    broadcastLive([
      {
        event: { type: "domain", hostId: "h1", uuid: "g1" },
        to: { permission: "guest.view", scope: { kind: "guest", hostId: "h1", guestUuid: "g1" } },
      },
    ]);
    await bus().publish("events", { variants: [{ event: { type: "domain" }, to: { permission: "everything" } }] });
    await expect.poll(() => admin.received).toEqual([{ type: "domain", hostId: "h1", uuid: "g1" }]);
    expect(other.received).toEqual([]);
    admin.close();
    other.close();
  });
});
