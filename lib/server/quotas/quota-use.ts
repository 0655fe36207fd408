import "server-only";
import { diskGiBOf, noUse, type QuotaKind, type QuotaLimits, type QuotaUse } from "@/lib/quotas/quota";
import { sameGroup } from "@/lib/identity/groups";
import { db, type Db } from "../db";

/** The database, or a transaction on it: what the quota reads and writes need. */
export type QuotaClient = Pick<Db, "user" | "quota" | "guestOwner">;
type Client = QuotaClient;

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
async function usageOf(client: Client, userIds: readonly string[]): Promise<QuotaUse> {
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

type Person = { id: string; username: string; groups: string };
type QuotaRow = { id: string; kind: string; subject: string; vcpus: number | null; memoryMiB: number | null; diskGiB: number | null };

/** Whether a quota binds a person: it names them, or one of the groups their last directory sign-in reported. */
const binds = (quota: QuotaRow, person: Person) =>
  quota.kind === "user" ? quota.subject === person.username : groupsOf(person).some((g) => sameGroup(g, quota.subject));

/** A quota with what its subject has made: the person it names, or every one of `people` in its group. */
export async function quotaWithUse(client: Client, quota: QuotaRow, people: readonly Person[]): Promise<BindingQuota> {
  const members = people.filter((p) => binds(quota, p)).map((p) => p.id);
  return {
    id: quota.id,
    kind: quota.kind as QuotaKind,
    subject: quota.subject,
    limits: limitsOf(quota),
    used: await usageOf(client, members),
  };
}

/** The quotas that bind this person (their own and their groups'), each with its subject's use. */
export async function bindingQuotas(userId: string, client: Client = db()): Promise<BindingQuota[]> {
  const person = await client.user.findUnique({ where: { id: userId }, select: { id: true, username: true, groups: true } });
  if (!person) return [];
  const quotas = (await client.quota.findMany()).filter((q) => binds(q, person));
  if (!quotas.length) return [];
  // A group's use is its members' (people whose last sign-in reported the group).
  const people = quotas.some((q) => q.kind === "group")
    ? await client.user.findMany({
        where: { OR: [{ groups: { not: "[]" } }, { id: userId }] },
        select: { id: true, username: true, groups: true },
      })
    : [person];
  return Promise.all(quotas.map((q) => quotaWithUse(client, q, people)));
}
