import "server-only";
import type { AuditAction } from "@/lib/audit/actions";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { controllerOf, type ConsoleNotice, type ConsoleRequest, type ControlRefusal, type Seat } from "@/lib/consoles/presence";
import { consoleKinds } from "@/lib/consoles/types";

// A bus message stays below PostgreSQL's NOTIFY limit; more people than this on one guest are not listed.
const MAX_SEATS_PER_MESSAGE = 24;

const id = z.string().min(1).max(200);
const seatSchema = z.object({
  id,
  hostId: id,
  uuid: id,
  kind: z.enum(consoleKinds),
  device: z.string().max(64).optional(),
  userId: id,
  name: z.string().max(200),
  since: z.string().max(40),
  mode: z.enum(["control", "view"]),
}) satisfies z.ZodType<Seat>;

/**
 * Messages between console instances about who is on which console. Each instance owns the seats of the
 * sockets it serves and publishes them per guest ("seats"); control moves by a "control" message every
 * instance applies in the order the bus delivers it, so all agree on who holds a display. Checked on
 * arrival like anything else another process sends.
 */
export const presenceBusMessageSchema = z.discriminatedUnion("t", [
  z.object({ t: z.literal("seats"), instance: id, guest: id, seats: z.array(seatSchema).max(MAX_SEATS_PER_MESSAGE) }),
  z.object({ t: z.literal("control"), console: id, seat: id.nullable() }),
  z.object({ t: z.literal("ask"), console: id, from: id, name: z.string().max(200) }),
  z.object({ t: z.literal("answer"), to: id, give: z.boolean(), by: z.string().max(200) }),
  z.object({ t: z.literal("sync"), instance: id }),
]);
export type PresenceBusMessage = z.infer<typeof presenceBusMessageSchema>;

export type PresenceLink = {
  instance: () => string;
  publish: (message: PresenceBusMessage) => void;
  /** A guest's seats changed somewhere: its pages re-read them. */
  changed: (hostId: string, uuid: string) => void;
  now?: () => number;
};

/** What a request changed, for the audit row the caller writes (it knows the person, address and guest). */
export type RequestOutcome =
  { ok: true; audit?: { action: AuditAction; details: Record<string, unknown> } } | { ok: false; refusal: ControlRefusal };

export type SeatHandle = {
  readonly seat: Seat;
  mayControl(): boolean;
  request(request: ConsoleRequest): RequestOutcome;
  leave(): void;
};

type LocalSeat = {
  seat: Seat;
  mayTakeOver: boolean;
  /** Joined to use the display (not through a view-only link): takes a display its holder left behind. */
  wantsControl: boolean;
  notify: (notice: ConsoleNotice) => void;
  modeChanged: () => void;
};

export type JoinInput = Pick<Seat, "hostId" | "uuid" | "kind" | "device" | "userId" | "name">;
export type JoinOptions = {
  /** Joins watching even when nobody has control (a view-only link). */
  watchOnly: boolean;
  /** May take control from whoever has it, without asking. */
  mayTakeOver: boolean;
  notify: (notice: ConsoleNotice) => void;
  /** The seat's mode changed (the relay re-offers the clipboard accordingly). */
  modeChanged: () => void;
};

const REMOTE_FRESH_MS = 60_000;

const guestKey = (s: Pick<Seat, "hostId" | "uuid">) => `${s.hostId}/${s.uuid}`;
const displayKey = (s: Pick<Seat, "hostId" | "uuid">) => `${guestKey(s)}/vnc`;

/**
 * Everyone on every console, across instances. Only VNC displays have watchers: the relay reads their
 * input (RfbInput) and lets through only the seat in control. The first person on a display takes
 * control when nobody has it; others watch, ask for it (its holder gives it or keeps it), or take it when
 * it is free or they may take it over.
 */
export class ConsolePresence {
  private readonly local = new Map<string, LocalSeat>();
  private readonly remote = new Map<string, Map<string, { seats: Seat[]; at: number }>>();
  private readonly now: () => number;

  constructor(private readonly link: PresenceLink) {
    this.now = link.now ?? Date.now;
  }

  join(input: JoinInput, options: JoinOptions): SeatHandle {
    const seat: Seat = {
      ...input,
      id: randomBytes(9).toString("base64url"),
      since: new Date(this.now()).toISOString(),
      mode: input.kind === "vnc" ? "view" : "control",
    };
    const entry: LocalSeat = {
      seat,
      mayTakeOver: options.mayTakeOver,
      wantsControl: !options.watchOnly,
      notify: options.notify,
      modeChanged: options.modeChanged,
    };
    this.local.set(seat.id, entry);
    options.notify({ type: "seat", seat: seat.id, mode: seat.mode, mayTake: options.mayTakeOver });
    this.publishGuest(guestKey(seat));
    if (seat.kind === "vnc" && !options.watchOnly && !controllerOf(this.seatsOf(seat.hostId, seat.uuid)))
      this.link.publish({ t: "control", console: displayKey(seat), seat: seat.id });
    return {
      seat,
      mayControl: () => seat.mode === "control",
      request: (request) => this.request(entry, request),
      leave: () => {
        if (!this.local.delete(seat.id)) return;
        this.publishGuest(guestKey(seat));
      },
    };
  }

  /** Everyone on a guest's consoles (here and on other instances), earliest first. */
  seatsOf(hostId: string, uuid: string): Seat[] {
    return this.allSeats().filter((s) => s.hostId === hostId && s.uuid === uuid);
  }

  allSeats(): Seat[] {
    const fresh = this.now() - REMOTE_FRESH_MS;
    const remote = [...this.remote.values()].flatMap((byGuest) =>
      [...byGuest.values()].filter((g) => g.at > fresh).flatMap((g) => g.seats),
    );
    return [...[...this.local.values()].map((l) => l.seat), ...remote].sort((a, b) => a.since.localeCompare(b.since));
  }

  /** Every bus message on the presence channel, this instance's own included. */
  receive(message: PresenceBusMessage): void {
    switch (message.t) {
      case "seats": {
        if (message.instance !== this.link.instance()) {
          let byGuest = this.remote.get(message.instance);
          if (!byGuest) this.remote.set(message.instance, (byGuest = new Map()));
          if (message.seats.length) byGuest.set(message.guest, { seats: message.seats, at: this.now() });
          else byGuest.delete(message.guest);
        }
        const [hostId, uuid] = message.guest.split("/");
        this.link.changed(hostId, uuid);
        return;
      }
      case "control":
        return this.applyControl(message.console, message.seat);
      case "ask":
        for (const l of this.local.values())
          if (displayKey(l.seat) === message.console && l.seat.mode === "control")
            l.notify({ type: "control.asked", from: message.from, name: message.name });
        return;
      case "answer":
        this.local.get(message.to)?.notify({ type: "control.answered", give: message.give, by: message.by });
        return;
      case "sync":
        if (message.instance !== this.link.instance()) this.publishAll();
        return;
    }
  }

  /** Republishes this instance's seats (periodically, so others can forget an instance that died, and on request). */
  publishAll(): void {
    for (const guest of new Set([...this.local.values()].map((l) => guestKey(l.seat)))) this.publishGuest(guest);
  }

  /** Instances that publish seats here now (a check of their heartbeats may forget those that died). */
  remoteInstances(): string[] {
    return [...this.remote.keys()];
  }

  /**
   * Instances not in `alive` died without a word (killed, crashed, cut off): their seats go at once, and a
   * display one of them held is free again: the earliest person here who joined to use it takes it (should
   * two instances each name one, the bus's order decides, the same for all).
   */
  forgetInstances(alive: ReadonlySet<string>): void {
    for (const [instance, byGuest] of [...this.remote]) {
      if (alive.has(instance)) continue;
      this.remote.delete(instance);
      for (const guest of byGuest.keys()) {
        const [hostId, uuid] = guest.split("/");
        this.link.changed(hostId, uuid);
        if (controllerOf(this.seatsOf(hostId, uuid))) continue;
        const heir = [...this.local.values()]
          .filter((l) => l.seat.kind === "vnc" && l.wantsControl && guestKey(l.seat) === guest)
          .sort((a, b) => a.seat.since.localeCompare(b.seat.since))[0];
        if (heir) this.link.publish({ t: "control", console: displayKey(heir.seat), seat: heir.seat.id });
      }
    }
  }

  /** Before this instance stops: its seats go. */
  leaveAll(): void {
    const guests = new Set([...this.local.values()].map((l) => guestKey(l.seat)));
    this.local.clear();
    for (const guest of guests) this.publishGuest(guest);
  }

  private publishGuest(guest: string): void {
    const seats = [...this.local.values()]
      .map((l) => l.seat)
      .filter((s) => guestKey(s) === guest)
      .slice(0, MAX_SEATS_PER_MESSAGE);
    this.link.publish({ t: "seats", instance: this.link.instance(), guest, seats });
  }

  private applyControl(console: string, holder: string | null): void {
    let guest: string | null = null;
    for (const l of this.local.values()) {
      if (l.seat.kind !== "vnc" || displayKey(l.seat) !== console) continue;
      const mode = l.seat.id === holder ? "control" : "view";
      guest = guestKey(l.seat);
      if (l.seat.mode === mode) continue;
      l.seat.mode = mode;
      l.notify({ type: "seat", seat: l.seat.id, mode, mayTake: l.mayTakeOver });
      l.modeChanged();
    }
    // Seats other instances serve follow at once, before their next snapshot arrives.
    for (const byGuest of this.remote.values())
      for (const g of byGuest.values())
        for (const s of g.seats) if (s.kind === "vnc" && displayKey(s) === console) s.mode = s.id === holder ? "control" : "view";
    if (guest) this.publishGuest(guest);
  }

  private request(entry: LocalSeat, request: ConsoleRequest): RequestOutcome {
    const { seat } = entry;
    if (seat.kind !== "vnc") return { ok: false, refusal: { key: "vncOnly" } };
    if (!this.local.has(seat.id)) return { ok: false, refusal: { key: "closed" } };
    const seats = this.seatsOf(seat.hostId, seat.uuid);
    const holder = controllerOf(seats);
    const console = displayKey(seat);
    const take = (details: Record<string, unknown>): RequestOutcome => {
      this.link.publish({ t: "control", console, seat: seat.id });
      return { ok: true, audit: { action: "console.control.take", details } };
    };
    switch (request.type) {
      case "control.take":
        if (holder?.id === seat.id) return { ok: true };
        if (holder && !entry.mayTakeOver) return { ok: false, refusal: { key: "heldBy", name: holder.name } };
        return take({ from: holder?.name ?? null });
      case "control.ask":
        if (holder?.id === seat.id) return { ok: true };
        if (!holder) return take({ from: null });
        this.link.publish({ t: "ask", console, from: seat.id, name: seat.name });
        return { ok: true, audit: { action: "console.control.request", details: { holder: holder.name } } };
      case "control.answer": {
        if (seat.mode !== "control") return { ok: false, refusal: { key: "noControlToGive" } };
        const asker = seats.find((s) => s.id === request.to && s.kind === "vnc");
        if (!asker) return { ok: false, refusal: { key: "askerLeft" } };
        if (request.give) this.link.publish({ t: "control", console, seat: asker.id });
        this.link.publish({ t: "answer", to: asker.id, give: request.give, by: seat.name });
        return { ok: true, audit: { action: request.give ? "console.control.give" : "console.control.keep", details: { to: asker.name } } };
      }
      case "control.release":
        if (seat.mode !== "control") return { ok: true };
        this.link.publish({ t: "control", console, seat: null });
        return { ok: true, audit: { action: "console.control.release", details: {} } };
    }
  }
}
