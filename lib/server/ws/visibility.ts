import "server-only";
import { z } from "zod";
import { can, canOnHostOrItsGuests, permissions, type Grant, type Permission, type Scope } from "@/lib/roles";

/**
 * Who hears a live event, as plain data so it can travel between instances with the event: `permission` on
 * `scope` as roles' can() decides; with `orOnItsGuests`, a grant on any guest of the scope's host counts too
 * (someone granted one guest hears that its host changed). Judged on each subscriber as of their last access check.
 */
export type Visibility = { permission: Permission; scope: Scope; orOnItsGuests?: boolean };

export type LiveEvent = { type: string; [key: string]: unknown };

/** One form of an event and who hears it; a subscriber gets the first form of a message meant for them. */
export type LiveVariant = { event: LiveEvent; to: Visibility };

const scopeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("global") }),
  z.object({ kind: z.literal("host"), hostId: z.string() }),
  z.object({ kind: z.literal("guest"), hostId: z.string(), guestUuid: z.string() }),
]);

export const visibilitySchema = z.object({ permission: z.enum(permissions), scope: scopeSchema, orOnItsGuests: z.boolean().optional() });

export const liveVariantsSchema = z
  .array(z.object({ event: z.looseObject({ type: z.string() }), to: visibilitySchema }))
  .min(1)
  .max(4);

export function isVisible(grants: readonly Grant[], visibility: Visibility): boolean {
  const { permission, scope, orOnItsGuests } = visibility;
  if (orOnItsGuests && (scope.kind === "host" || scope.kind === "guest")) return canOnHostOrItsGuests(grants, permission, scope.hostId);
  return can(grants, permission, scope);
}

/** The form of the event this person hears, or null. */
export function variantFor(grants: readonly Grant[], variants: readonly LiveVariant[]): LiveEvent | null {
  return variants.find((v) => isVisible(grants, v.to))?.event ?? null;
}
