import "server-only";
import { randomBytes } from "node:crypto";

import type { ConsoleKind } from "@/lib/consoles/types";
import { processSingleton } from "../process-singleton";

export type ConsoleTarget = { hostId: string; uuid: string; kind: ConsoleKind; device?: string; force?: boolean };
type Ticket = ConsoleTarget & { userId: string; expiresAt: number };

const TTL_MS = 30_000;

/**
 * Single-use console tickets, the websockify way: the browser gets an opaque token bound to one user,
 * guest and console kind, valid for 30 s, and never names a host or a port. Kept in memory: a ticket
 * only has to live from the click to the WebSocket upgrade on this same server.
 */
export class ConsoleTickets {
  private readonly tickets = new Map<string, Ticket>();

  constructor(private readonly now: () => number = Date.now) {}

  mint(userId: string, target: ConsoleTarget): { ticket: string; expiresAt: number } {
    this.sweep();
    const ticket = randomBytes(32).toString("base64url");
    const expiresAt = this.now() + TTL_MS;
    this.tickets.set(ticket, { ...target, userId, expiresAt });
    return { ticket, expiresAt };
  }

  /**
   * Takes the ticket out (it works once), then checks it: unknown, expired, someone else's or another kind → null.
   * SPICE is the exception: a SPICE client opens one WebSocket per channel (main, display, inputs, cursor…)
   * to the same URL, so its ticket stays valid for its 30 s until `endSession` — called when any of those
   * sockets closes — takes it out.
   */
  redeem(ticket: string, userId: string, kind: ConsoleKind): ConsoleTarget | null {
    const found = this.tickets.get(ticket);
    const valid = found !== undefined && found.expiresAt > this.now() && found.userId === userId && found.kind === kind;
    if (!valid || found.kind !== "spice") this.tickets.delete(ticket);
    if (!valid) return null;
    const { hostId, uuid, device, force } = found;
    return { hostId, uuid, kind, device, force };
  }

  endSession(ticket: string): void {
    this.tickets.delete(ticket);
  }

  private sweep(): void {
    const now = this.now();
    for (const [token, t] of this.tickets) if (t.expiresAt <= now) this.tickets.delete(token);
  }
}

export function consoleTickets(): ConsoleTickets {
  return processSingleton("console-tickets", () => new ConsoleTickets());
}
