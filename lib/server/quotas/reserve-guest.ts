import "server-only";
import type { JobView } from "@/lib/jobs/types";
import { diskGiBOf, quotaExcess, type QuotaUse } from "@/lib/quotas/quota";
import type { Domain } from "@/lib/xml";
import { db } from "../db";
import { ApiError } from "../http/errors";
import { newId } from "../ids";
import type { VerbContext } from "../verb-context";
import { bindingQuotas, type QuotaClient } from "./quota-use";

/** A new guest's row in GuestOwner while it is being made: confirmed with its UUID, or released if making it fails. */
export type Reservation = { id: string };

/** What a guest's definition takes against a quota: its vCPUs and its memory. */
export const cpuAndMemoryOf = (domain: Domain) => ({ vcpus: domain.vcpus ?? 1, memoryMiB: Math.ceil((domain.memoryKiB ?? 0) / 1024) });

/** What a guest takes against a quota: its vCPUs, its memory and the disks made for it. */
export function guestSize(domain: Domain, diskBytes: number): GuestSize {
  return {
    ...cpuAndMemoryOf(domain),
    diskGiB: diskGiBOf(diskBytes),
    diskMiB: Math.ceil(diskBytes / 2 ** 20),
  };
}

/** A guest's size against a quota, and its disks in MiB as they are kept (so many small disks add up exactly). */
export type GuestSize = QuotaUse & { diskMiB: number };

/**
 * Checks that a new guest of this size fits under every quota that binds the person making it (their own, their
 * groups'), and records it as theirs in the same transaction. Every creation path (wizard, template, clone) calls
 * this before it makes anything.
 */
export async function reserveGuest(ctx: VerbContext, guest: { hostId: string; name: string; size: GuestSize }): Promise<Reservation> {
  const userId = ctx.actor.id;
  return db().$transaction(async (tx) => {
    await refuseOverQuota(tx, userId, guest.size);
    const id = newId();
    const { vcpus, memoryMiB, diskMiB } = guest.size;
    await tx.guestOwner.create({ data: { id, userId, hostId: guest.hostId, name: guest.name, vcpus, memoryMiB, diskMiB } });
    return { id };
  });
}

/**
 * Refused with the first limit `adding` would pass on a quota that binds this person. Called in the transaction that
 * records what is added, and it first takes a lock on those quotas, so two additions at once cannot both squeeze
 * under one limit.
 */
export async function refuseOverQuota(
  tx: QuotaClient,
  userId: string,
  adding: QuotaUse,
  key: "quotaExceeded" | "quotaExceededGrowing" = "quotaExceeded",
): Promise<void> {
  const ids = (await bindingQuotas(userId, tx)).map((q) => q.id);
  if (ids.length) await tx.quota.updateMany({ where: { id: { in: ids } }, data: { reservations: { increment: 1 } } });
  // Read again under the lock: another addition may have committed meanwhile.
  for (const quota of await bindingQuotas(userId, tx)) {
    const [excess] = quotaExcess(quota.limits, quota.used, adding);
    if (excess)
      throw new ApiError(409, {
        key,
        values: {
          quota: quota.kind,
          group: quota.subject,
          resource: excess.resource,
          limit: excess.limit,
          used: Math.round(excess.used * 100) / 100,
          adding: excess.adding,
        },
      });
  }
}

/** The guest was made: its row now names it (the maker reaches it as a power user from their next request). */
export async function confirmGuest(reservation: Reservation, uuid: string): Promise<void> {
  await db().guestOwner.updateMany({ where: { id: reservation.id }, data: { guestUuid: uuid } });
}

/** Making the guest failed: its size no longer counts. */
export async function releaseGuest(reservation: Reservation): Promise<void> {
  await db().guestOwner.deleteMany({ where: { id: reservation.id } });
}

/**
 * Runs `make` (which returns the new guest's UUID somewhere in its result) under a reservation: confirmed when it
 * succeeds, released when it throws.
 */
export async function underReservation<T>(reservation: Reservation, make: () => Promise<T>, uuidOf: (result: T) => string): Promise<T> {
  try {
    const result = await make();
    await confirmGuest(reservation, uuidOf(result));
    return result;
  } catch (err) {
    await releaseGuest(reservation);
    throw err;
  }
}

/** Starts the job that makes the guest (its body under `underReservation`); a job that cannot start releases it. */
export function startReserved(reservation: Reservation, start: () => Promise<JobView>): Promise<JobView> {
  return start().catch(async (err: unknown) => {
    await releaseGuest(reservation);
    throw err;
  });
}

/** A guest is gone (deleted through the console): it no longer counts, and its snapshots' owners are forgotten. */
export async function forgetGuest(hostId: string, uuid: string): Promise<void> {
  await db().$transaction([
    db().guestOwner.deleteMany({ where: { hostId, guestUuid: uuid } }),
    db().snapshotOwner.deleteMany({ where: { hostId, guestUuid: uuid } }),
  ]);
}
