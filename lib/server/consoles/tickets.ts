import "server-only";
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import type { ConsoleKind } from "@/lib/consoles/types";
import { db as defaultDb, type Db } from "../db";
import { processSingleton } from "../process-singleton";

/**
 * What minting read of a running guest's display, so the relay can dial it at once: the address and port
 * on the guest's host, the password the relay answers the display with, and which run of the guest it was
 * (libvirt's domain id, new at every start), which the relay checks before any byte reaches the browser.
 */
export type RememberedDisplay = {
  host: string;
  port: number;
  password: string | null;
  domainId: number;
};

export type ConsoleTarget = {
  hostId: string;
  uuid: string;
  kind: ConsoleKind;
  device?: string;
  force?: boolean;
  display?: RememberedDisplay;
};

const TTL_MS = 30_000;

const hashOf = (ticket: string) => createHash("sha256").update(ticket).digest("hex");

/** The display's key: drawn from the ticket, which only its holder has (the row keeps the ticket's hash). */
const displayKey = (ticket: string) => Buffer.from(hkdfSync("sha256", ticket, "", "console-ticket-display", 32));

function sealDisplay(ticket: string, display: RememberedDisplay): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", displayKey(ticket), iv);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(display), "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), sealed].map((b) => b.toString("base64url")).join(".");
}

/** The remembered display, or undefined when it cannot be opened (then the relay reads it afresh). */
function openDisplay(ticket: string, stored: string | null): RememberedDisplay | undefined {
  if (!stored) return undefined;
  try {
    const [iv, tag, sealed] = stored.split(".").map((part) => Buffer.from(part, "base64url"));
    const decipher = createDecipheriv("aes-256-gcm", displayKey(ticket), iv).setAuthTag(tag);
    return JSON.parse(Buffer.concat([decipher.update(sealed), decipher.final()]).toString("utf8")) as RememberedDisplay;
  } catch {
    return undefined;
  }
}

/**
 * Single-use console tickets, the websockify way: the browser gets an opaque token bound to one user,
 * guest and console kind, valid for 30 s, and never names a host or a port. Kept in the database, so the
 * WebSocket may reach any console instance; only the ticket's SHA-256 is stored (256 random bits need
 * no slow hash); what minting learned of the display is sealed with a key drawn from the ticket. Using a ticket deletes its row: of two uses racing on different instances exactly one
 * deletes it, and only that one gets the console.
 */
export class ConsoleTickets {
  private readonly now: () => number;
  private readonly db: () => Db;

  constructor(options: { now?: () => number; db?: () => Db } = {}) {
    this.now = options.now ?? Date.now;
    this.db = options.db ?? defaultDb;
  }

  async mint(userId: string, target: ConsoleTarget): Promise<{ ticket: string; expiresAt: number }> {
    const ticket = randomBytes(32).toString("base64url");
    const expiresAt = this.now() + TTL_MS;
    await this.db().consoleTicket.create({
      data: {
        tokenHash: hashOf(ticket),
        userId,
        hostId: target.hostId,
        guestUuid: target.uuid,
        kind: target.kind,
        device: target.device ?? null,
        force: target.force ?? false,
        expiresAt: new Date(expiresAt),
        display: target.display ? sealDisplay(ticket, target.display) : null,
      },
    });
    return { ticket, expiresAt };
  }

  /**
   * Takes the ticket out (it works once), then checks it: unknown, expired, someone else's or another kind → null.
   * SPICE is the exception: a SPICE client opens one WebSocket per channel (main, display, inputs, cursor…)
   * to the same URL, possibly reaching different instances, so its ticket stays valid for its 30 s until
   * `endSession` — called when any of those sockets closes — takes it out.
   */
  async redeem(ticket: string, userId: string, kind: ConsoleKind): Promise<ConsoleTarget | null> {
    const tokenHash = hashOf(ticket);
    const found = await this.db().consoleTicket.findUnique({ where: { tokenHash } });
    if (!found) return null;
    const valid = found.expiresAt.getTime() > this.now() && found.userId === userId && found.kind === kind;
    if (!valid || found.kind !== "spice") {
      const { count } = await this.db().consoleTicket.deleteMany({ where: { tokenHash } });
      if (count === 0) return null; // another use took it first
    }
    if (!valid) return null;
    return {
      hostId: found.hostId,
      uuid: found.guestUuid,
      kind,
      device: found.device ?? undefined,
      force: found.force || undefined,
      display: openDisplay(ticket, found.display),
    };
  }

  async endSession(ticket: string): Promise<void> {
    await this.db().consoleTicket.deleteMany({ where: { tokenHash: hashOf(ticket) } });
  }

  /** Removes expired tickets (never used); returns how many. */
  async sweep(): Promise<number> {
    return (await this.db().consoleTicket.deleteMany({ where: { expiresAt: { lte: new Date(this.now()) } } })).count;
  }
}

export function consoleTickets(): ConsoleTickets {
  return processSingleton("console-tickets", () => new ConsoleTickets());
}
