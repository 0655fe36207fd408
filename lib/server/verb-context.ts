import "server-only";
import type { Actor } from "./auth/session";
import { currentRequestId } from "./request-context";

/**
 * Who asks a server verb, from where and in which request: the first argument of every verb
 * (`verb(ctx, input)`). The route guard (http/route.ts) and the WebSocket endpoints build it once.
 */
export type VerbContext = { actor: Actor; ip: string; requestId: string };

export function verbContext(actor: Actor, ip: string): VerbContext {
  return { actor, ip, requestId: currentRequestId() ?? "" };
}
