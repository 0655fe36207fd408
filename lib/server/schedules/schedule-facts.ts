import "server-only";
import { can, type Permission } from "@/lib/roles";
import type { ScheduleAction, ScheduleTarget } from "@/lib/validations/schedules";
import type { Actor } from "../auth/session";
import { storedGrant } from "../auth/session";
import { db } from "../db";
import { forbidden } from "../http/errors";
import { guestsTagged } from "../tags/tag-grants";
import { grantsInReach } from "../auth/grants-in-reach";

/** The jobs-table kind of the schedules people make (lib/server/jobs/scheduler.ts runs them). */
export const SCHEDULE_KIND = "guest.schedule";
/** The audit action of one run; its rows are the schedule's past runs. */
export const SCHEDULE_RUN_ACTION = "schedule.run" as const;

export const scheduleLabel = (id: string) => `schedule:${id}`;

/** What a person needs on the guests to schedule an action on them. */
export const permissionFor = (action: ScheduleAction): Permission =>
  action === "snapshot" || action === "backup" ? "guest.manage" : "guest.power";

/** Refused unless the actor may do the action on the guest, or on every guest of the tag (a grant on the tag or everywhere). */
export function checkScheduleAccess(actor: Actor, action: ScheduleAction, target: ScheduleTarget): void {
  const scope = target.kind === "guest" ? { kind: "guest" as const, hostId: target.hostId, guestUuid: target.uuid } : target;
  if (!can(actor.grants, permissionFor(action), scope)) throw forbidden();
}

/** The guests a schedule acts on now: its guest, or those carrying its tag at the time of the run. */
export async function scheduleGuests(target: ScheduleTarget): Promise<{ hostId: string; uuid: string }[]> {
  return target.kind === "guest" ? [{ hostId: target.hostId, uuid: target.uuid }] : guestsTagged([target.tag]);
}

/** The schedule's owner as a run acts for them: their grants now (a removed grant stops the schedule's effect), or null when disabled or gone. */
export async function ownerActor(userId: string): Promise<Actor | null> {
  const user = await db().user.findUnique({ where: { id: userId }, include: { grants: true } });
  if (!user || user.disabled) return null;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    sessionId: "",
    sessionExpiresAt: new Date(8.64e15),
    grants: await grantsInReach(user.id, user.grants.map(storedGrant)),
  };
}
