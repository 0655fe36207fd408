import "server-only";
import type { WebSocket } from "ws";
import type { Actor } from "../auth/session";
import { ACCESS_ENDED_CLOSE_CODE } from "@/lib/auth/access-ended";
import { liveConnections, type LiveConnection } from "./live-connections";
import { processSingleton } from "../process-singleton";

export type LiveEvent = { type: string; [key: string]: unknown };

/**
 * Fans out live events to the browsers connected on /ws/events. Each event carries a filter so a person
 * only hears about what they may see, judged on the person as of their last access check (a narrowed
 * grant narrows what they hear at once). Slow browsers are dropped rather than buffered without bound.
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

  publish(event: LiveEvent, visibleTo: (actor: Actor) => boolean = () => true): void {
    const text = JSON.stringify(event);
    for (const { ws, connection } of this.subscribers) {
      if (!visibleTo(connection.actor)) continue;
      if (ws.bufferedAmount > EventsHub.maxBufferedBytes) ws.terminate();
      else ws.send(text);
    }
  }

  get size(): number {
    return this.subscribers.size;
  }

  closeAll(): void {
    for (const { ws } of this.subscribers) ws.close(1001, "server shutting down");
  }
}

export function eventsHub(): EventsHub {
  return processSingleton("events-hub", () => new EventsHub());
}
