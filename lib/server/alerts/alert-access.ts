import "server-only";
import { can, type Grant, type Scope } from "@/lib/roles";

/** The scope an alert (or a rule) concerns: its guest, its host, its tag (tag rules), or everything (job alerts, global rules). */
export function scopeOf(row: { hostId: string | null; guestUuid: string | null; tag?: string | null }): Scope {
  if (row.tag) return { kind: "tag", tag: row.tag };
  if (row.hostId && row.guestUuid) return { kind: "guest", hostId: row.hostId, guestUuid: row.guestUuid };
  if (row.hostId) return { kind: "host", hostId: row.hostId };
  return { kind: "global" };
}

/** The one rule for seeing an alert: the metrics of what it concerns; alerts on jobs and everything, to those who manage alerts. */
export function canSeeAlert(grants: readonly Grant[], row: { hostId: string | null; guestUuid: string | null }): boolean {
  const scope = scopeOf(row);
  return scope.kind === "global" ? can(grants, "alerts.manage") : can(grants, "metrics.view", scope);
}
