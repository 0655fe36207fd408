import type { LibvirtClient } from "../client";
import type { VirCPUCompareResult, VirConnectBaselineCPUFlags, VirConnectCompareCPUFlags } from "../generated/flags";
import { remoteProcedures as p } from "../generated/remote";

export interface NodeInfo {
  model: string;
  /** KiB */
  memory: bigint;
  cpus: number;
  mhz: number;
  nodes: number;
  sockets: number;
  cores: number;
  threads: number;
}

/** `char model[32]` travels as 32 4-byte ints; turn it back into a string. */
export function charArrayToString(chars: readonly number[]): string {
  const end = chars.indexOf(0);
  return Buffer.from((end < 0 ? chars : chars.slice(0, end)).map((c) => c & 0xff)).toString("latin1");
}

const ALL_CPUS = -1;
const ALL_CELLS = -1;

export class HostApi {
  constructor(private readonly client: LibvirtClient) {}

  async versions(): Promise<{ libVersion: bigint; hypervisorVersion: bigint; type: string }> {
    const [lib, hv, type] = await Promise.all([
      this.client.call(p.CONNECT_GET_LIB_VERSION, undefined),
      this.client.call(p.CONNECT_GET_VERSION, undefined),
      this.client.call(p.CONNECT_GET_TYPE, undefined),
    ]);
    return { libVersion: lib.lib_ver, hypervisorVersion: hv.hv_ver, type: type.type };
  }

  async hostname(): Promise<string> {
    return (await this.client.call(p.CONNECT_GET_HOSTNAME, undefined)).hostname;
  }

  async uri(): Promise<string> {
    return (await this.client.call(p.CONNECT_GET_URI, undefined)).uri;
  }

  async nodeInfo(): Promise<NodeInfo> {
    const r = await this.client.call(p.NODE_GET_INFO, undefined);
    return { ...r, model: charArrayToString(r.model) };
  }

  async capabilities(): Promise<string> {
    return (await this.client.call(p.CONNECT_GET_CAPABILITIES, undefined)).capabilities;
  }

  async domainCapabilities(opts: { emulatorbin?: string; arch?: string; machine?: string; virttype?: string } = {}): Promise<string> {
    const r = await this.client.call(p.CONNECT_GET_DOMAIN_CAPABILITIES, {
      emulatorbin: opts.emulatorbin ?? null,
      arch: opts.arch ?? null,
      machine: opts.machine ?? null,
      virttype: opts.virttype ?? null,
      flags: 0,
    });
    return r.capabilities;
  }

  /**
   * virConnectCompareHypervisorCPU: can this host's hypervisor run a guest with this <cpu>? Returns a
   * virCPUCompareResult (incompatible, identical, superset). With VIR_CONNECT_COMPARE_CPU_FAIL_INCOMPATIBLE
   * libvirt fails instead, naming the missing features.
   */
  async compareHypervisorCpu(
    cpuXml: string,
    opts: { emulator?: string; arch?: string; machine?: string; virttype?: string; flags?: VirConnectCompareCPUFlags } = {},
  ): Promise<VirCPUCompareResult> {
    const r = await this.client.call(p.CONNECT_COMPARE_HYPERVISOR_CPU, {
      emulator: opts.emulator ?? null,
      arch: opts.arch ?? null,
      machine: opts.machine ?? null,
      virttype: opts.virttype ?? null,
      xmlCPU: cpuXml,
      flags: opts.flags ?? 0,
    });
    return r.result as VirCPUCompareResult;
  }

  /**
   * virConnectBaselineHypervisorCPU: the most capable CPU every one of `cpuXmls` (hosts' <cpu> elements, as
   * their capabilities give them) can provide, as a guest <cpu> this host's hypervisor can run.
   */
  async baselineHypervisorCpu(
    cpuXmls: string[],
    opts: { emulator?: string; arch?: string; machine?: string; virttype?: string; flags?: VirConnectBaselineCPUFlags } = {},
  ): Promise<string> {
    const r = await this.client.call(p.CONNECT_BASELINE_HYPERVISOR_CPU, {
      emulator: opts.emulator ?? null,
      arch: opts.arch ?? null,
      machine: opts.machine ?? null,
      virttype: opts.virttype ?? null,
      xmlCPUs: cpuXmls,
      flags: opts.flags ?? 0,
    });
    return r.cpu;
  }

  /** Two-step call like virNodeGetCPUStats: ask for the count, then the values. Values in ns. */
  async cpuStats(cpuNum = ALL_CPUS): Promise<Record<string, bigint>> {
    const { nparams } = await this.client.call(p.NODE_GET_CPU_STATS, { cpuNum, nparams: 0, flags: 0 });
    const r = await this.client.call(p.NODE_GET_CPU_STATS, { cpuNum, nparams, flags: 0 });
    return Object.fromEntries(r.params.map((s) => [s.field, s.value]));
  }

  /** Values in KiB. */
  async memoryStats(cellNum = ALL_CELLS): Promise<Record<string, bigint>> {
    const { nparams } = await this.client.call(p.NODE_GET_MEMORY_STATS, { cellNum, nparams: 0, flags: 0 });
    const r = await this.client.call(p.NODE_GET_MEMORY_STATS, { cellNum, nparams, flags: 0 });
    return Object.fromEntries(r.params.map((s) => [s.field, s.value]));
  }

  async freeMemory(): Promise<bigint> {
    return (await this.client.call(p.NODE_GET_FREE_MEMORY, undefined)).freeMem;
  }
}
