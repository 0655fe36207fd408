import "server-only";
import type { ActionResult, GuestRef } from "@/lib/guests/types";
import { can } from "@/lib/roles";
import type { VerbContext } from "../verb-context";
import { powerGuest } from "./power-guest";

const PARALLEL = 8;

/**
 * The same power action on many guests. Each guest is checked and audited on its own, and one failure
 * does not stop the others; the answer lists each outcome with libvirt's message.
 */
export async function bulkPower(
  ctx: VerbContext,
  { action, guests }: { action: "start" | "shutdown" | "forceoff"; guests: GuestRef[] },
): Promise<ActionResult[]> {
  const results: ActionResult[] = [];
  const queue = [...guests];
  const worker = async () => {
    for (let g = queue.shift(); g; g = queue.shift()) {
      if (!can(ctx.actor.grants, "guest.power", { kind: "guest", hostId: g.hostId, guestUuid: g.uuid })) {
        results.push({ ...g, ok: false, message: "You do not have permission to do that" });
        continue;
      }
      try {
        await powerGuest(ctx, { ...g, action });
        results.push({ ...g, ok: true });
      } catch (err) {
        results.push({ ...g, ok: false, message: err instanceof Error ? err.message : String(err) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, guests.length) }, worker));
  return results;
}
