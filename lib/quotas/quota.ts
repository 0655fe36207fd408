// Shared by server and browser: what a quota limits, and whether a new guest fits under one.

/** What a quota limits, in the units people set them in. */
export const quotaResources = ["vcpus", "memoryMiB", "diskGiB"] as const;
export type QuotaResource = (typeof quotaResources)[number];

/** A quota's limits; null is no limit. */
export type QuotaLimits = Record<QuotaResource, number | null>;

/** What guests take (or one new guest would): virtual CPUs, memory and disk, in the quota's units. */
export type QuotaUse = Record<QuotaResource, number>;

export const noUse: QuotaUse = { vcpus: 0, memoryMiB: 0, diskGiB: 0 };

/** Disk sizes count in GiB with two decimals (a 32 MiB test disk is 0.03 GiB, not nothing). */
export const diskGiBOf = (bytes: number) => Math.ceil((bytes / 2 ** 30) * 100) / 100;

/** Who a quota binds: one person, or the members of a directory group together. */
export const quotaKinds = ["user", "group"] as const;
export type QuotaKind = (typeof quotaKinds)[number];

/** One limit a new guest would pass: which, the limit, what is used already and what the guest adds. */
export type QuotaExcess = { resource: QuotaResource; limit: number; used: number; adding: number };

/** The limits `adding` would pass on top of `used` (none: it fits). */
export function quotaExcess(limits: QuotaLimits, used: QuotaUse, adding: QuotaUse): QuotaExcess[] {
  return quotaResources.flatMap((resource) => {
    const limit = limits[resource];
    // Rounded like the figures people see, so 0.1 + 0.2 never passes a limit of 0.3.
    const after = Math.round((used[resource] + adding[resource]) * 100) / 100;
    return limit !== null && after > limit ? [{ resource, limit, used: used[resource], adding: adding[resource] }] : [];
  });
}
