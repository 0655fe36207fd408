import "server-only";
import { VirConnectBaselineCPUFlags } from "@/lib/libvirt/generated/flags";
import type { BaselineProblem } from "@/lib/host-clusters/fitness";
import type { BaselineCpuView } from "@/lib/host-clusters/types";
import { DomainCpu } from "@/lib/xml";
import { db } from "../db";
import { log } from "../log";
import { memberFacts, type MemberFacts } from "./member-facts";

/**
 * The cluster's common CPU: libvirt's own baseline (virConnectBaselineHypervisorCPU, migratable features
 * only) over the CPU every connected member's hypervisor offers (its host-model), asked of one member. Stored with when it was
 * computed; members that could not be asked are named in baselineError, and with none the old baseline stays.
 */
export async function computeBaseline(clusterId: string, known?: MemberFacts[]): Promise<void> {
  const cluster = await db().hostCluster.findUniqueOrThrow({ where: { id: clusterId } });
  const members = known ?? (await memberFacts(cluster));
  const asked = members.filter((m) => m.lv && m.cpuXml);
  const missing = members
    .filter((m) => !asked.includes(m))
    .map((m) => ({ name: m.name, problem: m.error ?? { key: "noHostModel" as const } }));
  const problem = (p: BaselineProblem) => JSON.stringify(p);
  if (members.length === 0) {
    await db().hostCluster.update({
      where: { id: clusterId },
      data: { baselineCpuXml: null, baselineComputedAt: null, baselineError: null },
    });
    return;
  }
  if (asked.length === 0) {
    await db().hostCluster.update({
      where: { id: clusterId },
      data: { baselineError: problem({ key: "noMemberAsked", members: missing }) },
    });
    return;
  }
  try {
    const xml = await asked[0].lv!.host.baselineHypervisorCpu(
      asked.map((m) => m.cpuXml!),
      {
        arch: asked[0].arch ?? undefined,
        virttype: asked[0].virtType,
        flags: VirConnectBaselineCPUFlags.VIR_CONNECT_BASELINE_CPU_MIGRATABLE,
      },
    );
    await db().hostCluster.update({
      where: { id: clusterId },
      data: {
        baselineCpuXml: xml,
        baselineComputedAt: new Date(),
        baselineError: missing.length ? problem({ key: "computedWithout", members: missing }) : null,
      },
    });
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    log.warn({ clusterId, err: text }, "cluster baseline CPU failed");
    await db().hostCluster.update({ where: { id: clusterId }, data: { baselineError: problem({ key: "libvirtFailed", error: text }) } });
  }
}

/** The stored baseline as the pages show it. */
export function baselineView(xml: string | null): BaselineCpuView | null {
  if (!xml) return null;
  const cpu = DomainCpu.parse(xml);
  const features = [...cpu.features]
    .filter((f) => f.name)
    .map((f) => (f.policy === "disable" || f.policy === "forbid" ? `-${f.name}` : f.name!));
  return { model: cpu.model ?? null, vendor: cpu.vendor ?? null, features, xml };
}
