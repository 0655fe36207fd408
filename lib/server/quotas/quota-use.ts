import "server-only";
import { diskGiBOf, noUse, type QuotaKind, type QuotaLimits, type QuotaUse } from "@/lib/quotas/quota";
import { sameGroup } from "@/lib/identity/groups";
import { db, type Db } from "../db";

type Client = Pick<Db, "user" | "quota" | "guestOwner">;

/** A reservation nobody confirmed (its instance died mid-creation) stops counting after this long. */
const STALE_RESERVATION_MS = 24 * 3_600_000;

/** The groups a person's last directory sign-in reported. */
export const groupsOf = (user: { groups: string }): string[] => {
  const parsed: unknown = JSON.parse(user.groups);
  return Array.isArray(parsed) ? parsed.filter((g): g is string => typeof g === "string") : [];
};

/** A quota that binds a person, with what its subject (the person, or every member of the group) has made. */
export type BindingQuota = { id: string; kind: QuotaKind; subject: string; limits: QuotaLimits; used: QuotaUse };

const limitsOf = (q: { vcpus: number | null; memoryMiB: number | null; diskGiB: number | null }): QuotaLimits => ({
  vcpus: q.vcpus,
  memoryMiB: q.memoryMiB,
  diskGiB: q.diskGiB,
});

/** What the guests the given people made take (reservations included, stale ones not). */
export async function useOf(client: Client, userIds: readonly string[]): Promise<QuotaUse> {
  if (!userIds.length) return noUse;
  const rows = await client.guestOwner.findMany({
    where: {
      userId: { in: [...userIds] },
      OR: [{ guestUuid: { not: null } }, { createdAt: { gt: new Date(Date.now() - STALE_RESERVATION_MS) } }],
    },
    select: { vcpus: true, memoryMiB: true, diskMiB: true },
  });
  const total = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((sum, r) => sum + pick(r), 0);
  // Disks are kept in MiB and said in GiB with two decimals, like a guest's own size (diskGiBOf).
  return { vcpus: total((r) => r.vcpus), memoryMiB: total((r) => r.memoryMiB), diskGiB: diskGiBOf(total((r) => r.diskMiB) * 2 ** 20) };
}

/** The quotas that bind this person (their own and their groups'), each with its subject's use. */
export async function bindingQuotas(userId: string, client: Client = db()): Promise<BindingQuota[]> {
  const user = await client.user.findUnique({ where: { id: userId }, select: { username: true, groups: true } });
  if (!user) return [];
  const groups = groupsOf(user);
  const quotas = (await client.quota.findMany()).filter((q) =>
    q.kind === "user" ? q.subject === user.username : groups.some((g) => sameGroup(g, q.subject)),
  );
  if (!quotas.length) return [];
  // A group's use is its members' (people whose last sign-in reported the group).
  const people = quotas.some((q) => q.kind === "group")
    ? await client.user.findMany({ where: { groups: { not: "[]" } }, select: { id: true, groups: true } })
    : [];
  return Promise.all(
    quotas.map(async (q) => {
      const members =
        q.kind === "user" ? [userId] : people.filter((p) => groupsOf(p).some((g) => sameGroup(g, q.subject))).map((p) => p.id);
      return { id: q.id, kind: q.kind as QuotaKind, subject: q.subject, limits: limitsOf(q), used: await useOf(client, members) };
    }),
  );
}
