import "server-only";
import type { HostMaintenanceState } from "@/lib/host-clusters/types";
import { db } from "../db";
import { notFound } from "../http/errors";
import { hostClusterInfo } from "./cluster-cpu";

/** The host's cluster and whether it is in maintenance (the host page's maintenance card). */
export async function hostMaintenanceState({ hostId }: { hostId: string }): Promise<HostMaintenanceState> {
  const host = await db().host.findUnique({ where: { id: hostId }, select: { maintenanceSince: true } });
  if (!host) throw notFound("host");
  return { cluster: await hostClusterInfo(hostId), maintenanceSince: host.maintenanceSince?.getTime() ?? null };
}
