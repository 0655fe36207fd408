import "server-only";
import type { HostClusterInfo } from "@/lib/host-clusters/types";
import type { Domain } from "@/lib/xml";
import { CpuFeature, DomainCpu } from "@/lib/xml";
import { db } from "../db";
import { ApiError } from "../http/errors";

export type ClusterCpu = { cluster: string; model: string; xml: string };

/** The baseline CPU of the cluster the host is in, or null (no cluster, or none computed yet). */
export async function clusterCpuOf(hostId: string): Promise<ClusterCpu | null> {
  const host = await db().host.findUnique({ where: { id: hostId }, select: { cluster: { select: { name: true, baselineCpuXml: true } } } });
  const xml = host?.cluster?.baselineCpuXml;
  if (!host?.cluster || !xml) return null;
  const model = DomainCpu.parse(xml).model;
  return model ? { cluster: host.cluster.name, model, xml } : null;
}

/**
 * Gives the guest the cluster's CPU: its model, vendor and features exactly as libvirt's baseline says, so it
 * runs on and moves live to any member. Refused when the host's cluster has no baseline.
 */
export async function applyClusterCpu(dom: Domain, hostId: string): Promise<void> {
  const found = await clusterCpuOf(hostId);
  if (!found) throw new ApiError(409, { key: "noClusterCpu" }, { mode: { key: "chooseAnotherCpuMode" } });
  const baseline = DomainCpu.parse(found.xml);
  const cpu = dom.cpu;
  cpu.mode = "custom";
  cpu.match = baseline.match ?? "exact";
  cpu.check = undefined;
  cpu.model = baseline.model;
  cpu.modelFallback = "forbid";
  cpu.vendor = baseline.vendor;
  cpu.features.clear();
  for (const f of baseline.features) cpu.features.add(new CpuFeature({ policy: f.policy, name: f.name }));
}

/** The cluster the host is in, with its baseline CPU model, or null. */
export async function hostClusterInfo(hostId: string): Promise<HostClusterInfo | null> {
  const host = await db().host.findUnique({ where: { id: hostId }, select: { cluster: true } });
  if (!host?.cluster) return null;
  const xml = host.cluster.baselineCpuXml;
  return { id: host.cluster.id, name: host.cluster.name, baselineModel: xml ? (DomainCpu.parse(xml).model ?? null) : null };
}
