import "server-only";
import type { ClusterSummary } from "@/lib/host-clusters/types";
import { db } from "../db";
import { summaryOf } from "./cluster-view";

/** Every host cluster with its member count and baseline CPU model (no libvirt call). */
export async function listClusters(): Promise<ClusterSummary[]> {
  const rows = await db().hostCluster.findMany({ orderBy: { name: "asc" }, include: { _count: { select: { hosts: true } } } });
  return rows.map((row) => summaryOf(row, row._count.hosts));
}
