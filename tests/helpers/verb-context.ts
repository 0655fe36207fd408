import type { Actor } from "@/lib/server/auth/session";
import type { VerbContext } from "@/lib/server/verb-context";

/** The context a test calls a server verb with: the actor, a loopback address, no request. */
export const ctxOf = (actor: Actor, ip = "127.0.0.1"): VerbContext => ({ actor, ip, requestId: "" });

/** Who changes which guest, for tests that call the hardware verbs many times over. */
export type GuestCall = { ctx: VerbContext; guest: { hostId: string; uuid: string } };
export const guestCall = (actor: Actor, hostId: string, uuid: string): GuestCall => ({ ctx: ctxOf(actor), guest: { hostId, uuid } });
