import "server-only";
import type { QuotaRow } from "@/lib/quotas/portal";
import { isAdmin } from "@/lib/roles";
import { db } from "../db";
import { forbidden } from "../http/errors";
import type { VerbContext } from "../verb-context";
import { quotaWithUse } from "./quota-use";

/** Admin → Quotas: every quota with what its subject has made (a group's: every member whose sign-in reported it). */
export async function listQuotas(ctx: VerbContext): Promise<QuotaRow[]> {
  if (!isAdmin(ctx.actor.grants)) throw forbidden();
  const client = db();
  const [quotas, people] = await Promise.all([
    client.quota.findMany({ orderBy: [{ kind: "asc" }, { subject: "asc" }] }),
    client.user.findMany({ select: { id: true, username: true, groups: true } }),
  ]);
  return Promise.all(
    quotas.map(async (q) => ({ ...(await quotaWithUse(client, q, people)), updatedBy: q.updatedBy, updatedAt: q.updatedAt.toISOString() })),
  );
}
