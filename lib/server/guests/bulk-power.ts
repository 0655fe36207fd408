import "server-only";
import type { ActionResult, GuestRef } from "@/lib/guests/types";
import { can } from "@/lib/roles";
import type { Locale } from "@/lib/i18n/locales";
import { forbidden } from "../http/errors";
import { errorResponse } from "../http/error-response";
import type { VerbContext } from "../verb-context";
import { powerGuest } from "./power-guest";

const PARALLEL = 8;

/**
 * The same power action on many guests. Each guest is checked and audited on its own, and one failure
 * does not stop the others; the answer lists each outcome, its refusal in the requester's language (`locale`,
 * as a request's own error would be) or libvirt's message marked as libvirt's.
 */
export async function bulkPower(
  ctx: VerbContext,
  { action, guests }: { action: "start" | "shutdown" | "forceoff"; guests: GuestRef[] },
  locale: Locale = "en",
): Promise<ActionResult[]> {
  const failure = async (g: GuestRef, err: unknown): Promise<ActionResult> => {
    const said = (await (await errorResponse(err, locale)).json()) as { error: string; libvirt?: boolean };
    return { ...g, ok: false, message: said.error, ...(said.libvirt ? { libvirt: true } : {}) };
  };
  const results: ActionResult[] = [];
  const queue = [...guests];
  const worker = async () => {
    for (let g = queue.shift(); g; g = queue.shift()) {
      if (!can(ctx.actor.grants, "guest.power", { kind: "guest", hostId: g.hostId, guestUuid: g.uuid })) {
        results.push(await failure(g, forbidden()));
        continue;
      }
      try {
        await powerGuest(ctx, { ...g, action });
        results.push({ ...g, ok: true });
      } catch (err) {
        results.push(await failure(g, err));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, guests.length) }, worker));
  return results;
}
