import "server-only";
import type { VerbContext } from "../../verb-context";
import type { GuestRef } from "@/lib/guests/types";
import type { HardwareChangeResult } from "@/lib/guests/hardware/types";
import type { CpuInput } from "@/lib/validations/hardware/sections";
import type { Domain } from "@/lib/xml";
import { VcpuPin } from "@/lib/xml";
import { changeGuest } from "../guest-target";
import { withDrafts } from "./hardware-target";
import { applyLive, auditDiff, nextBoot } from "./change";
import { AFFECT_LIVE, loadForChange, saveDefinition } from "./definition";
import { cpuView } from "./section-views";
import { applyClusterCpu } from "../../host-clusters/cluster-cpu";

async function writeCpu(dom: Domain, input: CpuInput, hostId: string): Promise<void> {
  dom.setMaxVcpus(input.maxVcpus);
  dom.currentVcpus = input.vcpus < input.maxVcpus ? input.vcpus : undefined;
  const cpu = dom.cpu;
  if (input.mode === "cluster") await applyClusterCpu(dom, hostId);
  else if (input.mode === "default") cpu.mode = undefined;
  else cpu.mode = input.mode;
  if (input.mode === "cluster") {
    // written above
  } else if (input.mode === "custom") {
    if (cpu.model !== input.model) cpu.modelFallback = "allow";
    cpu.model = input.model;
    cpu.match ??= "exact";
  } else {
    cpu.model = undefined;
    cpu.modelFallback = undefined;
    if (input.mode !== "default") cpu.match = undefined;
  }
  if (input.topology) cpu.setTopology(input.topology);
  else for (const field of ["sockets", "dies", "cores", "threads"] as const) cpu[field] = undefined;
  dom.cputune.vcpuPins.clear();
  for (const [vcpu, cpuset] of Object.entries(input.pins)) dom.cputune.vcpuPins.add(new VcpuPin({ vcpu: Number(vcpu), cpuset }));
}

/** A cpuset like "0-2,5" as libvirt's cpumap: one bit per host CPU. */
export function cpumap(cpuset: string, hostCpus: number): Buffer {
  const map = Buffer.alloc(Math.ceil(hostCpus / 8));
  for (const part of cpuset.split(",")) {
    const [from, to = from] = part.split("-").map(Number);
    for (let cpu = from; cpu <= to && cpu < hostCpus; cpu++) map[cpu >> 3] |= 1 << (cpu & 7);
  }
  return map;
}

/**
 * vCPU count, maximum, model, topology and pinning. A running guest takes a new count within its
 * maximum (vCPU hot-plug) and new pins at once; the rest applies after it shuts down.
 */
export async function setCpu(ctx: VerbContext, { hostId, uuid, ...input }: GuestRef & CpuInput): Promise<HardwareChangeResult> {
  return changeGuest(
    ctx,
    { hostId, uuid, action: "guest.cpu" },
    async (target, details) => {
      const definition = await loadForChange(target, input.etag);
      const { saved, live } = definition;
      const before = cpuView(saved, 0);
      await writeCpu(saved, input, hostId);
      Object.assign(details, auditDiff({ ...before, hostCpus: undefined }, { ...cpuView(saved, 0), hostCpus: undefined }));
      await saveDefinition(definition);
      if (!live) return { ok: true, live: "not-running" };

      const running = cpuView(live, 0);
      const { lv, dom } = target;
      const hostCpus = (await lv.host.nodeInfo()).cpus;
      const result = await applyLive(true, async () => {
        if (running.vcpus !== input.vcpus) await lv.domains.setVcpus(dom, input.vcpus, AFFECT_LIVE);
        for (const [vcpu, cpuset] of Object.entries(input.pins)) {
          if (running.pins[vcpu] !== cpuset && Number(vcpu) < input.vcpus)
            await lv.domains.pinVcpu(dom, Number(vcpu), cpumap(cpuset, hostCpus), AFFECT_LIVE);
        }
      });
      const bootOnly =
        running.maxVcpus !== input.maxVcpus ||
        JSON.stringify([running.sockets, running.cores, running.threads]) !==
          JSON.stringify(input.topology ? [input.topology.sockets, input.topology.cores, input.topology.threads] : [null, null, null]);
      if (result.live === "applied" && (bootOnly || input.mode !== before.mode || input.model !== before.model)) {
        return nextBoot("cpuShape");
      }
      return result;
    },
    withDrafts(ctx),
  );
}
