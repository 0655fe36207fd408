import { describe, expect, it } from "vitest";
import { hostModelCpu } from "@/lib/host-clusters/host-model-cpu";

describe("hostModelCpu", () => {
  it("turns domain capabilities' host-model mode into a guest <cpu> with its model, vendor and features", () => {
    const domcaps = `<domainCapabilities><cpu>
      <mode name='host-passthrough' supported='yes'/>
      <mode name='host-model'>
        <model fallback='forbid'>EPYC</model>
        <vendor>AMD</vendor>
        <feature policy='require' name='x2apic'/>
        <feature policy='disable' name='svm'/>
      </mode>
      <mode name='custom' supported='yes'><model usable='yes'>qemu64</model></mode>
    </cpu></domainCapabilities>`;
    const cpu = hostModelCpu(domcaps)!;
    expect(cpu.startsWith("<cpu mode='custom' match='exact'>")).toBe(true);
    expect(cpu).toContain("<model fallback='forbid'>EPYC</model>");
    expect(cpu).toContain("<feature policy='disable' name='svm'/>");
    expect(cpu).not.toContain("qemu64");
  });

  it("is null when the hypervisor names no host-model CPU", () => {
    expect(
      hostModelCpu(
        "<domainCapabilities><cpu><mode name='host-model' supported='no'/><mode name='custom' supported='yes'><model>qemu64</model></mode></cpu></domainCapabilities>",
      ),
    ).toBeNull();
    expect(hostModelCpu("<domainCapabilities/>")).toBeNull();
  });
});
