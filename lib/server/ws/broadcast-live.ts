import "server-only";
import { log } from "../log";
import { bus } from "../cluster/bus";
import type { LiveVariant } from "./visibility";

let failing = false;

/**
 * Sends a live event to the browsers on every instance, this one included: through the bus, whose "events"
 * channel every instance's EventsHub listens on (listen-live.ts). Fire and forget; a failure (the database
 * unreachable) is logged once until publishing works again — pages re-read when the link is back.
 */
export function broadcastLive(variants: LiveVariant[]): void {
  bus()
    .publish("events", { variants })
    .then(
      () => void (failing = false),
      (err: Error) => {
        if (!failing) log.error(`live events: cannot publish (${err.message})`);
        failing = true;
      },
    );
}
