import "server-only";
import { log } from "../log";
import type { WebSocket } from "ws";
import { consoleRequestSchema, type ConsoleNotice, type SeatMode } from "@/lib/consoles/presence";
import { can } from "@/lib/roles";
import type { Actor } from "../auth/session";
import { auditRow } from "../audit";
import type { EarlyMessages } from "./early-messages";
import { consolePresence } from "./presence";
import type { SeatHandle } from "./presence/registry";
import type { InputKind } from "./rfb-input";
import type { ConsoleTarget } from "./tickets";

export type ConsoleSeat = {
  mode(): SeatMode;
  mayControl(): boolean;
  dropped(kind: InputKind): void;
  /** For the session's end audit row: input held back while watching. */
  endDetails(): Record<string, unknown>;
  leave(): void;
};

type JoinArgs = {
  ws: WebSocket;
  actor: Actor;
  target: ConsoleTarget;
  watchOnly: boolean;
  /** Sockets with the same key are one seat (SPICE's channels); null for a seat of its own. */
  sessionKey: string | null;
  where: () => string;
  ip: string;
  early: EarlyMessages;
  modeChanged: () => void;
};

/** SPICE sessions: one seat for all channel sockets of a ticket, until the last closes. */
const shared = new Map<string, { handle: SeatHandle; sockets: number }>();

/**
 * Puts the person on the guest's presence list for the life of the socket and answers the page's control
 * requests (text frames), auditing each: asking for control, giving or keeping it, taking and releasing it.
 * SPICE pages get no text frames (spice-html5 reads every frame as SPICE).
 */
export function joinConsole(args: JoinArgs): ConsoleSeat {
  const { ws, actor, target, early } = args;
  const talks = target.kind !== "spice";
  const notify = (notice: ConsoleNotice) => {
    if (talks && ws.readyState === ws.OPEN) ws.send(JSON.stringify(notice));
  };
  const scope = { kind: "guest", hostId: target.hostId, guestUuid: target.uuid } as const;
  const join = () =>
    consolePresence().join(
      {
        hostId: target.hostId,
        uuid: target.uuid,
        kind: target.kind,
        device: target.device,
        userId: actor.id,
        name: actor.displayName || actor.username,
      },
      { watchOnly: args.watchOnly, mayTakeOver: can(actor.grants, "guest.manage", scope), notify, modeChanged: args.modeChanged },
    );
  let handle: SeatHandle;
  if (args.sessionKey) {
    const entry = shared.get(args.sessionKey) ?? { handle: join(), sockets: 0 };
    entry.sockets++;
    shared.set(args.sessionKey, entry);
    handle = entry.handle;
  } else handle = join();

  const dropped: Partial<Record<InputKind, number>> = {};
  early.onControl((text) => {
    let request;
    try {
      request = consoleRequestSchema.parse(JSON.parse(text));
    } catch {
      return notify({ type: "control.refused", refusal: { key: "notUnderstood" } });
    }
    const outcome = handle.request(request);
    if (!outcome.ok) return notify({ type: "control.refused", refusal: outcome.refusal });
    if (outcome.audit)
      void auditRow(
        { actor, ip: args.ip },
        { action: outcome.audit.action, target: args.where(), details: outcome.audit.details },
        "ok",
      ).catch((err: Error) => log.error(`audit of ${outcome.audit?.action} failed: ${err.message}`));
  });

  // The seat goes with the socket, even while the session behind it is still winding down (a display that
  // is slow to answer its handshake), and only once per socket.
  let left = false;
  const leave = () => {
    if (left) return;
    left = true;
    if (!args.sessionKey) return handle.leave();
    const entry = shared.get(args.sessionKey);
    if (!entry || --entry.sockets > 0) return;
    shared.delete(args.sessionKey);
    entry.handle.leave();
  };
  ws.once("close", leave);

  return {
    mode: () => handle.seat.mode,
    mayControl: () => !left && handle.mayControl(),
    dropped: (kind) => (dropped[kind] = (dropped[kind] ?? 0) + 1),
    endDetails: () => (Object.keys(dropped).length ? { heldBackWhileWatching: dropped } : {}),
    leave,
  };
}
