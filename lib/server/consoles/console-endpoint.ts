import "server-only";
import type { IncomingMessage } from "node:http";
import type { WebSocket } from "ws";
import { can } from "@/lib/roles";
import { auditRow } from "../audit";
import { db } from "../db";
import { guestLabel, resolveGuest } from "../guests/guest-target";
import type { WsEndpoint } from "../ws/endpoints";
import { EarlyMessages } from "./early-messages";
import { relaySerial } from "./serial-relay";
import type { ConsoleKind } from "@/lib/consoles/types";
import { consoleTickets, type ConsoleTarget } from "./tickets";
import { reachDisplay } from "./reach-display";
import { spicePasswordAuth, vncAuth } from "./display-auth";
import { relayDisplay } from "./display-relay";
import { ACCESS_ENDED_CLOSE_CODE, type AccessEndedReason } from "@/lib/auth/access-ended";
import { liveConnections } from "../ws/live-connections";
import { joinConsole, type ConsoleSeat } from "./console-seat";
import { RfbInput } from "./rfb-input";
import { closeReason } from "@/lib/consoles/close-words";
import { closeReasonOf } from "./console-error";
import type { VerbContext } from "../verb-context";

type Accepted = { target: ConsoleTarget; watchOnly: boolean; ticket: string };

/** Targets of upgrades that passed `authorize`, until `connect` takes them. */
const accepted = new WeakMap<IncomingMessage, Accepted>();

/**
 * /ws/vnc, /ws/spice and /ws/serial: the upgrade already passed the session and Origin checks; here the ticket
 * (single use, this user, this kind) names the guest, and the grant is checked again in case it was
 * revoked since. `watch=1` joins a VNC display watching (a view-only link). The session is audited when it
 * starts and when it ends, and the person is on the guest's presence list meanwhile.
 */
export function consoleEndpoint(kind: ConsoleKind): WsEndpoint {
  return {
    authorize: async ({ actor }, req) => {
      const query = new URL(req.url ?? "/", "http://x").searchParams;
      const ticket = query.get("ticket");
      const target = ticket ? await consoleTickets().redeem(ticket, actor.id, kind) : null;
      if (!target || !ticket) return { ok: false, status: 403, said: { key: "consoleLinkInvalid" } };
      if (!can(actor.grants, "guest.console", { kind: "guest", hostId: target.hostId, guestUuid: target.uuid })) {
        return { ok: false, status: 403, said: { key: "forbidden" } };
      }
      accepted.set(req, { target, watchOnly: query.get("watch") === "1", ticket });
      // A SPICE ticket opens all channels of one session; the session ends when one of them closes.
      if (kind === "spice")
        req.socket.once(
          "close",
          () =>
            void consoleTickets()
              .endSession(ticket)
              .catch(() => undefined),
        );
      return { ok: true };
    },
    connect: (ws, ctx, req) => {
      const found = accepted.get(req);
      accepted.delete(req);
      if (found) void runSession(ws, ctx, found);
      else ws.close(1008, closeReason({ key: "noTarget" }));
    },
  };
}

async function runSession(ws: WebSocket, ctx: VerbContext, { target, watchOnly, ticket }: Accepted): Promise<void> {
  const { actor, ip } = ctx;
  const startedAt = Date.now();
  // What the browser sends before the guest's side is open (typing, the RFB handshake) waits here.
  const early = new EarlyMessages(ws);
  let where = `guest:${target.hostId}/${target.uuid}`;
  // Taking the person's access away (sign-out, a removed grant, …) ends the session with a reason they read.
  let endedBecause: AccessEndedReason | undefined;
  const scope = { kind: "guest", hostId: target.hostId, guestUuid: target.uuid } as const;
  const unregister = liveConnections().add({
    actor,
    lostAccess: (now) => (can(now.grants, "guest.console", scope) ? null : "guest-access-removed"),
    end: (reason) => {
      endedBecause = reason;
      ws.close(ACCESS_ENDED_CLOSE_CODE, reason);
    },
  });
  let input: RfbInput | null = null;
  const seat: ConsoleSeat = joinConsole({
    ws,
    actor,
    target,
    watchOnly,
    // All of a SPICE session's channel sockets are one person on the display.
    sessionKey: target.kind === "spice" ? ticket : null,
    where: () => where,
    ip,
    early,
    modeChanged: () => input?.controlChanged(),
  });
  // A display is dialled (at the address the ticket remembers) while the guest is looked up and the start is
  // recorded; nothing reaches either side before all three are done.
  const guestFound = resolveGuest(target.hostId, target.uuid);
  const { kind } = target;
  const reaching =
    kind === "serial"
      ? null
      : db()
          .host.findUniqueOrThrow({ where: { id: target.hostId } })
          .then((host) => reachDisplay(guestFound, host, kind, target.display));
  void reaching?.catch(() => undefined); // awaited below, or not needed when the session failed before
  try {
    const guest = await guestFound;
    where = guestLabel(target, guest);
    const started = auditRow(
      ctx,
      {
        action: `console.${target.kind}.start`,
        target: where,
        details: { device: target.device, force: target.force, ...(target.kind === "vnc" ? { mode: seat.mode() } : {}) },
      },
      "ok",
    );
    let traffic;
    if (!reaching) {
      await started;
      traffic = await relaySerial(ws, guest, target, early);
    } else {
      const [{ display, password }] = await Promise.all([reaching, started]);
      if (target.kind === "spice") {
        traffic = await relayDisplay(ws, display, early, spicePasswordAuth(password));
      } else {
        // Only the seat in control reaches the guest with keys, pointer, clipboard and resizes.
        const vnc = new RfbInput((data) => display.stream.write(data), { mayControl: seat.mayControl, dropped: seat.dropped });
        input = vnc;
        traffic = await relayDisplay(ws, display, early, vncAuth(password), (data) => vnc.push(data));
      }
    }
    await auditRow(
      ctx,
      {
        action: `console.${target.kind}.end`,
        target: where,
        details: {
          seconds: Math.round((Date.now() - startedAt) / 1000),
          ...traffic,
          ...seat.endDetails(),
          ...(endedBecause ? { endedBecause } : {}),
        },
      },
      "ok",
    );
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // 4000-range close codes carry the reason to the page, by key (lib/consoles/close-words.ts) or as libvirt said it.
    if (ws.readyState === ws.OPEN) ws.close(4000, closeReasonOf(err));
    await auditRow(ctx, { action: `console.${target.kind}.start`, target: where, details: { error: message } }, "error").catch(
      () => undefined,
    );
  } finally {
    // A display reached for a session that failed before its relay began is closed here.
    void reaching?.then(
      ({ display }) => display.stream.destroy(),
      () => undefined,
    );
    seat.leave();
    unregister();
  }
}
