import "server-only";
import { can } from "@/lib/roles";
import { bus } from "../../cluster/bus";
import { instanceId } from "../../cluster/instance";
import { eventsHub } from "../../ws/events-hub";
import { ConsolePresence, type PresenceBusMessage } from "./registry";

/** A view-only invitation to a colleague, delivered by whichever instance serves their pages. */
export type InviteMessage = { t: "invite"; to: string; hostId: string; uuid: string; guest: string; from: string };

const REPUBLISH_MS = 20_000;

const key = Symbol.for("virt-console.console-presence");

/**
 * The process-wide presence of people on consoles, linked to the other instances through the bus (in-process
 * with SQLite). Pages hear that a guest's seats changed through /ws/events and re-read them.
 */
export function consolePresence(): ConsolePresence {
  const holder = globalThis as { [key]?: ConsolePresence };
  if (holder[key]) return holder[key];
  const link = bus();
  const presence = new ConsolePresence({
    instance: instanceId,
    publish: (message) => void link.publish("consoles", message).catch((err: Error) => console.error(`presence: ${err.message}`)),
    changed: (hostId, uuid) =>
      eventsHub().publish({ type: "console.presence", hostId, uuid }, (a) =>
        can(a.grants, "guest.console", { kind: "guest", hostId, guestUuid: uuid }),
      ),
  });
  holder[key] = presence;
  link.subscribe("consoles", (payload) => {
    const message = payload as PresenceBusMessage | InviteMessage;
    if (message.t === "invite") return deliverInvite(message);
    presence.receive(message);
  });
  const askOthers = () =>
    void link.publish("consoles", { t: "sync", instance: instanceId() } satisfies PresenceBusMessage).catch(() => undefined);
  link.onResync(askOthers);
  askOthers();
  setInterval(() => presence.publishAll(), REPUBLISH_MS).unref();
  return presence;
}

export async function sendInvite(invite: Omit<InviteMessage, "t">): Promise<void> {
  await bus().publish("consoles", { t: "invite", ...invite } satisfies InviteMessage);
}

function deliverInvite({ to, hostId, uuid, guest, from }: InviteMessage): void {
  eventsHub().publish(
    { type: "console.invite", hostId, uuid, guest, from },
    (a) => a.id === to && can(a.grants, "guest.console", { kind: "guest", hostId, guestUuid: uuid }),
  );
}
