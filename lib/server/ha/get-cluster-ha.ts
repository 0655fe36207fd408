import "server-only";
import { isAdmin } from "@/lib/roles";
import type { ClusterHaSettings } from "@/lib/validations/high-availability";
import { db } from "../db";
import { forbidden, notFound } from "../http/errors";
import type { VerbContext } from "../verb-context";

/** A cluster's rules for highly available guests, for its page. */
export async function getClusterHa(ctx: VerbContext, { clusterId }: { clusterId: string }): Promise<ClusterHaSettings> {
  if (!isAdmin(ctx.actor.grants)) throw forbidden();
  const row = await db().hostCluster.findUnique({ where: { id: clusterId }, select: { haGraceSeconds: true, haFenceAutomatically: true } });
  if (!row) throw notFound("cluster");
  return { graceSeconds: row.haGraceSeconds, fenceAutomatically: row.haFenceAutomatically };
}
