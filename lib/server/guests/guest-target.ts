import "server-only";
import { ErrorCode, isLibvirtError, uuidFromString, type Libvirt } from "@/lib/libvirt";
import type { DomainRef } from "@/lib/libvirt/api/domains";
import type { Actor } from "../auth/session";
import { audit } from "../audit";
import { db } from "../db";
import { ApiError, notFound } from "../http/errors";
import { hostPool } from "../hosts/host-pool";
import { hostInventory } from "./inventory";

export type GuestTarget = { lv: Libvirt; dom: DomainRef; hostName: string };

/** The host's connection and the guest's handle; a guest libvirt does not know is a 404, not a 409. */
export async function resolveGuest(hostId: string, uuid: string, { forJobs = false } = {}): Promise<GuestTarget> {
  const host = await db().host.findUnique({ where: { id: hostId } });
  if (!host) throw notFound("Host");
  const lv = forJobs ? await hostPool().forJobs(hostId) : await hostPool().get(hostId);
  try {
    return { lv, dom: await lv.domains.lookupByUuid(uuidFromString(uuid)), hostName: host.name };
  } catch (err) {
    if (isLibvirtError(err, ErrorCode.VIR_ERR_NO_DOMAIN)) throw notFound("Guest");
    throw err;
  }
}

type GuestAction = { actor: Actor; ip: string; action: string; hostId: string; uuid: string; details?: Record<string, unknown> };

/**
 * Runs a change on one guest and writes its audit row either way: "ok", or "error" with libvirt's
 * message. The target names host and guest so the log reads well after the guest is gone.
 */
export async function auditedGuestChange<T, G extends GuestTarget = GuestTarget>(
  change: GuestAction,
  run: (target: G) => Promise<T>,
  options: { forJobs?: boolean; resolve?: () => Promise<G> } = {},
): Promise<T> {
  let target: G | null = null;
  try {
    target = options.resolve ? await options.resolve() : ((await resolveGuest(change.hostId, change.uuid, options)) as G);
    const result = await run(target);
    // Some changes (autostart, managed save removal) raise no libvirt event.
    hostInventory(change.hostId).invalidate();
    await audit({
      actor: change.actor,
      action: change.action,
      target: guestLabel(change, target),
      details: change.details,
      result: "ok",
      ip: change.ip,
    });
    return result;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await audit({
      actor: change.actor,
      action: change.action,
      target: guestLabel(change, target),
      details: { ...change.details, error: message },
      result: "error",
      ip: change.ip,
    });
    throw err;
  }
}

/** The "error" row for a change refused by checks made before its job started; rethrows the refusal. */
export async function auditRefusal(change: GuestAction, err: unknown): Promise<never> {
  const message = err instanceof Error ? err.message : String(err);
  await audit({
    actor: change.actor,
    action: change.action,
    target: guestLabel(change, null),
    details: { ...change.details, error: message },
    result: "error",
    ip: change.ip,
  });
  throw err;
}

function guestLabel(change: GuestAction, target: GuestTarget | null): string {
  return target ? `guest:${target.hostName}/${target.dom.name} (${change.uuid})` : `guest:${change.hostId}/${change.uuid}`;
}

export function refuse(message: string): never {
  throw new ApiError(409, message);
}
