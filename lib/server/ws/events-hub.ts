import "server-only";
import type { WebSocket } from "ws";
import type { Actor } from "../auth/session";

export type LiveEvent = { type: string; [key: string]: unknown };

type Subscriber = { ws: WebSocket; actor: Actor };

/**
 * Fans out live events to the browsers connected on /ws/events. Each event carries a filter so a person
 * only hears about what they may see. Slow browsers are dropped rather than buffered without bound.
 */
export class EventsHub {
  private readonly subscribers = new Set<Subscriber>();
  private static readonly maxBufferedBytes = 4 * 1024 * 1024;

  add(ws: WebSocket, actor: Actor): void {
    const sub = { ws, actor };
    this.subscribers.add(sub);
    ws.on("close", () => this.subscribers.delete(sub));
    ws.send(JSON.stringify({ type: "hello", user: actor.username }));
  }

  publish(event: LiveEvent, visibleTo: (actor: Actor) => boolean = () => true): void {
    const text = JSON.stringify(event);
    for (const { ws, actor } of this.subscribers) {
      if (!visibleTo(actor)) continue;
      if (ws.bufferedAmount > EventsHub.maxBufferedBytes) ws.terminate();
      else ws.send(text);
    }
  }

  /** Closes the sockets of one person (after logout, disable or a password reset). */
  disconnectUser(userId: string, reason: string): void {
    for (const { ws, actor } of this.subscribers) if (actor.id === userId) ws.close(4001, reason);
  }

  get size(): number {
    return this.subscribers.size;
  }

  closeAll(): void {
    for (const { ws } of this.subscribers) ws.close(1001, "server shutting down");
  }
}

const key = Symbol.for("virt-console.events-hub");
export function eventsHub(): EventsHub {
  const holder = globalThis as { [key]?: EventsHub };
  holder[key] ??= new EventsHub();
  return holder[key];
}
