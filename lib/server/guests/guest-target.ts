import "server-only";
import type { AuditAction } from "@/lib/audit/actions";
import { ErrorCode, isLibvirtError, uuidFromString, type Libvirt } from "@/lib/libvirt";
import type { DomainRef } from "@/lib/libvirt/api/domains";
import { audited, auditFailure, type AuditContext } from "../audit";
import { db } from "../db";
import { notFound } from "../http/errors";
import { hostPool } from "../hosts/host-pool";
import { hostInventory } from "./inventory";

export type GuestTarget = { lv: Libvirt; dom: DomainRef; hostName: string };

/** The host's connection and the guest's handle; a guest libvirt does not know is a 404, not a 409. */
export async function resolveGuest(hostId: string, uuid: string, { forJobs = false } = {}): Promise<GuestTarget> {
  const host = await db().host.findUnique({ where: { id: hostId } });
  if (!host) throw notFound("host");
  const lv = forJobs ? await hostPool().forJobs(hostId) : await hostPool().get(hostId);
  try {
    return { lv, dom: await lv.domains.lookupByUuid(uuidFromString(uuid)), hostName: host.name };
  } catch (err) {
    if (isLibvirtError(err, ErrorCode.VIR_ERR_NO_DOMAIN)) throw notFound("guest");
    throw err;
  }
}

/** The guest a change acts on, and what it is (the audit row's action and details). */
export type GuestChange = { action: AuditAction; hostId: string; uuid: string; details?: Record<string, unknown> };

/** How changeGuest finds the guest when it is not simply resolveGuest(): it may note what it found in the row's details. */
export type GuestResolver<G extends GuestTarget> = (change: GuestChange, details: Record<string, unknown>) => Promise<G>;

/**
 * Runs a change on one guest through audited(): resolves the guest inside it (so a guest that is not
 * there is an "error" row too), and names host and guest in the row so the log reads well after the
 * guest is gone. `run` may fill in the row's `details` as it learns what it changed (before/after of
 * the changed fields); they are written whether it succeeds or fails.
 */
export function changeGuest<T, G extends GuestTarget = GuestTarget>(
  ctx: AuditContext,
  change: GuestChange,
  run: (target: G, details: Record<string, unknown>) => Promise<T>,
  options: { forJobs?: boolean; resolve?: GuestResolver<G> } = {},
): Promise<T> {
  let target: G | null = null;
  const details = change.details ?? {};
  return audited(ctx, { action: change.action, target: () => guestLabel(change, target), details }, async () => {
    target = options.resolve ? await options.resolve(change, details) : ((await resolveGuest(change.hostId, change.uuid, options)) as G);
    const result = await run(target, details);
    // Some changes (autostart, managed save removal) raise no libvirt event.
    hostInventory(change.hostId).invalidate();
    return result;
  });
}

/** The "error" row for a change refused by checks made before its job started; rethrows the refusal. */
export function refuseGuestChange(ctx: AuditContext, change: GuestChange, err: unknown): Promise<never> {
  return auditFailure(ctx, { action: change.action, target: guestLabel(change, null), details: change.details }, err);
}

/** How an audit row names a guest. */
export function guestLabel(ref: { hostId: string; uuid: string }, target: GuestTarget | null): string {
  return target ? `guest:${target.hostName}/${target.dom.name} (${ref.uuid})` : `guest:${ref.hostId}/${ref.uuid}`;
}
