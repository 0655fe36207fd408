import "server-only";
import { log } from "../log";
import { z } from "zod";
import { bus } from "../cluster/bus";
import { eventsHub } from "./events-hub";
import { liveVariantsSchema, type LiveVariant } from "./visibility";

const messageSchema = z.object({ variants: liveVariantsSchema });

type Also = { onEvent?: (variants: LiveVariant[]) => void; onResync?: () => void };

/**
 * Passes the live events of every instance (the bus's "events" channel) to this instance's browsers and to
 * `also` (caches that events make stale). When the bus was cut off, events may have been missed: browsers
 * and `also` are told to re-read everything. Returns the function that stops listening.
 */
export function listenForLiveEvents(also: Also = {}): () => void {
  const offEvents = bus().subscribe("events", (payload) => {
    const parsed = messageSchema.safeParse(payload);
    if (!parsed.success) return log.error("live events: ignored a malformed message");
    const variants = parsed.data.variants as LiveVariant[];
    eventsHub().publish(variants);
    also.onEvent?.(variants);
  });
  const offResync = bus().onResync(() => {
    also.onResync?.();
    eventsHub().resyncAll();
  });
  return () => {
    offEvents();
    offResync();
  };
}
