// Shared by server and browser: what an alert rule applies to (its scope), the one schema for it, and
// the one rule for whether a rule covers a subject (a host, a guest, a pool).
import { z } from "zod";
import { said } from "@/lib/validations/messages";

const hostId = z.string().min(1).max(64);

/** What a rule applies to: everything, a host, a guest, a storage pool on a host, or every guest with a tag (tagged now or later). */
export const ruleScopeSchema = z.discriminatedUnion("scope", [
  z.object({ scope: z.literal("global") }),
  z.object({ scope: z.literal("host"), hostId }),
  z.object({ scope: z.literal("guest"), hostId, guestUuid: z.string().uuid() }),
  z.object({ scope: z.literal("pool"), hostId, pool: z.string().trim().min(1, said("poolsName")).max(255) }),
  z.object({ scope: z.literal("tag"), tag: z.string().trim().min(1, said("theTag")).max(64) }),
]);
export type RuleScopeInput = z.infer<typeof ruleScopeSchema>;
export type RuleScope = RuleScopeInput["scope"];
export const ruleScopes = ruleScopeSchema.options.map((o) => o.shape.scope.value) as readonly RuleScope[];

/** What a rule's target is about; it decides which scopes make sense for it. */
export type Concern = "host" | "guest" | "pool" | "job";

/** The scopes a rule about `concern` may have: a tag or a guest only for what guests do, a pool only for pools. */
export const scopesFor: Record<Concern, readonly RuleScope[]> = {
  host: ["global", "host"],
  guest: ["global", "host", "guest", "tag"],
  pool: ["global", "host", "pool"],
  job: ["global", "host", "guest", "tag"],
};

/** A rule's stored scope columns (AlertRule). */
export type ScopeColumns = { scope: string; hostId: string | null; guestUuid: string | null; pool: string | null; tag: string | null };

/** What a finding is about: its host, and its guest (with that guest's tags now) or pool when it has one. */
export type ScopeSubject = { hostId: string | null; guestUuid?: string | null; pool?: string | null; tags?: readonly string[] };

/** Whether a rule covers a subject. An unknown scope covers nothing. */
export function scopeCovers(rule: ScopeColumns, subject: ScopeSubject): boolean {
  switch (rule.scope) {
    case "global":
      return true;
    case "host":
      return subject.hostId === rule.hostId;
    case "guest":
      return subject.hostId === rule.hostId && !!subject.guestUuid && subject.guestUuid === rule.guestUuid;
    case "pool":
      return subject.hostId === rule.hostId && !!subject.pool && subject.pool === rule.pool;
    case "tag":
      return !!subject.guestUuid && !!rule.tag && (subject.tags ?? []).includes(rule.tag);
    default:
      return false;
  }
}
