import "server-only";
import { log } from "../../log";
import { bus } from "../../cluster/bus";
import { instanceId, liveInstances } from "../../cluster/instance";
import { processSingleton } from "../../process-singleton";
import { eventsHub } from "../../ws/events-hub";
import type { Visibility } from "../../ws/visibility";
import { z } from "zod";
import { ConsolePresence, presenceBusMessageSchema, type PresenceBusMessage } from "./registry";

/** A view-only invitation to a colleague, delivered by whichever instance serves their pages. */
const inviteMessageSchema = z.object({
  t: z.literal("invite"),
  to: z.string().min(1).max(200),
  hostId: z.string().min(1).max(200),
  uuid: z.string().min(1).max(200),
  guest: z.string().max(200),
  from: z.string().max(200),
});
export type InviteMessage = z.infer<typeof inviteMessageSchema>;
const busMessageSchema = z.union([presenceBusMessageSchema, inviteMessageSchema]);

const REPUBLISH_MS = 20_000;
/** How often the heartbeats of the instances whose seats are listed here are looked at. */
const LIVENESS_MS = 5_000;

/** Those who may open the guest's consoles. */
const onConsoleOf = (hostId: string, uuid: string): Visibility => ({
  permission: "guest.console",
  scope: { kind: "guest", hostId, guestUuid: uuid },
});

/**
 * The process-wide presence of people on consoles, linked to the other instances through the bus's
 * "consoles" channel (in-process with SQLite). Every instance applies each presence message, so each tells
 * its own pages (through /ws/events) that a guest's seats changed, and they re-read them.
 */
export function consolePresence(): ConsolePresence {
  return processSingleton("console-presence", createPresence);
}

function createPresence(): ConsolePresence {
  const link = bus();
  const presence = new ConsolePresence({
    instance: instanceId,
    publish: (message) => void link.publish("consoles", message).catch((err: Error) => log.error(`presence: ${err.message}`)),
    changed: (hostId, uuid) => eventsHub().publish([{ event: { type: "console.presence", hostId, uuid }, to: onConsoleOf(hostId, uuid) }]),
  });
  link.subscribe("consoles", (payload) => {
    const parsed = busMessageSchema.safeParse(payload);
    if (!parsed.success) return log.error("presence: ignored a malformed message");
    if (parsed.data.t === "invite") return deliverInvite(parsed.data);
    presence.receive(parsed.data);
  });
  const askOthers = () =>
    void link.publish("consoles", { t: "sync", instance: instanceId() } satisfies PresenceBusMessage).catch(() => undefined);
  link.onResync(askOthers);
  askOthers();
  setInterval(() => presence.publishAll(), REPUBLISH_MS).unref();
  // An instance that died says nothing: its seats (and a display one of them held) go once its heartbeat stops.
  setInterval(() => {
    if (presence.remoteInstances().length === 0) return;
    liveInstances()
      .then((rows) => presence.forgetInstances(new Set(rows.map((r) => r.id))))
      .catch((err: Error) => log.error(`presence: ${err.message}`));
  }, LIVENESS_MS).unref();
  return presence;
}

export async function sendInvite(invite: Omit<InviteMessage, "t">): Promise<void> {
  await bus().publish("consoles", { t: "invite", ...invite } satisfies InviteMessage);
}

/** To the colleague's pages on this instance, while they may still open the guest's consoles. */
function deliverInvite({ to, hostId, uuid, guest, from }: InviteMessage): void {
  eventsHub().publish([{ event: { type: "console.invite", hostId, uuid, guest, from }, to: onConsoleOf(hostId, uuid) }], to);
}
