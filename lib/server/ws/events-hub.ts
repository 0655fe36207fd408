import "server-only";
import type { WebSocket } from "ws";
import type { Actor } from "../auth/session";
import { ACCESS_ENDED_CLOSE_CODE } from "@/lib/auth/access-ended";
import { liveConnections, type LiveConnection } from "./live-connections";
import { processSingleton } from "../process-singleton";
import { variantFor, type LiveEvent, type LiveVariant } from "./visibility";

export type { LiveEvent, LiveVariant } from "./visibility";

/**
 * Fans out live events to the browsers connected on /ws/events of this instance. Events reach it from the bus
 * (lib/server/ws/live-events.ts), whichever instance saw them; each carries who may hear it as data, judged on
 * the person as of their last access check (a narrowed grant narrows what they hear at once). Slow browsers
 * are dropped rather than buffered without bound.
 */
export class EventsHub {
  private readonly subscribers = new Set<{ ws: WebSocket; connection: LiveConnection }>();
  private static readonly maxBufferedBytes = 4 * 1024 * 1024;

  add(ws: WebSocket, actor: Actor): void {
    const connection: LiveConnection = {
      actor,
      lostAccess: () => null, // events are filtered per person; the socket itself only needs a session
      end: (reason) => ws.close(ACCESS_ENDED_CLOSE_CODE, reason),
    };
    const sub = { ws, connection };
    this.subscribers.add(sub);
    const unregister = liveConnections().add(connection);
    ws.on("close", () => {
      this.subscribers.delete(sub);
      unregister();
    });
    ws.send(JSON.stringify({ type: "hello", user: actor.username }));
  }

  /**
   * Each subscriber gets the first form of the event meant for them, or nothing; with `onlyUserId`, only that
   * person's pages are considered (an invitation addressed to them).
   */
  publish(variants: readonly LiveVariant[], onlyUserId?: string): void {
    const texts = new Map<LiveEvent, string>();
    for (const { ws, connection } of this.subscribers) {
      if (onlyUserId !== undefined && connection.actor.id !== onlyUserId) continue;
      const event = variantFor(connection.actor.grants, variants);
      if (!event) continue;
      let text = texts.get(event);
      if (text === undefined) texts.set(event, (text = JSON.stringify(event)));
      if (ws.bufferedAmount > EventsHub.maxBufferedBytes) ws.terminate();
      else ws.send(text);
    }
  }

  /** To everyone: messages may have been missed (the link between instances was down), re-read everything. */
  resyncAll(): void {
    const text = JSON.stringify({ type: "resync" });
    for (const { ws } of this.subscribers) ws.send(text);
  }

  get size(): number {
    return this.subscribers.size;
  }
}

export function eventsHub(): EventsHub {
  return processSingleton("events-hub", () => new EventsHub());
}
