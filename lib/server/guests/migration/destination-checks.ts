import "server-only";
import { withInterfaceDriver } from "../../networks/interface-driver";
import path from "node:path";
import type { Libvirt } from "@/lib/libvirt";
import { VirConnectCompareCPUFlags, VirConnectListAllInterfacesFlags } from "@/lib/libvirt/generated/flags";
import type { MigrationProblem } from "@/lib/guests/migration-types";
import { Capabilities, type Domain, StoragePool } from "@/lib/xml";
import { blocking, warning } from "./problem";

type Problems = MigrationProblem[];
const libvirtMessage = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The features a failed CPU comparison names as missing, or null when libvirt said something else. */
function missingFeatures(message: string): string[] | null {
  const m = /required features: ([^.]+)/.exec(message);
  return m
    ? m[1]
        .split(",")
        .map((f) => f.trim())
        .filter(Boolean)
    : null;
}

async function compareOn(lv: Libvirt, guest: Domain): Promise<string | null> {
  try {
    await lv.host.compareHypervisorCpu(guest.cpu.toXml(), {
      arch: guest.os.arch,
      virttype: guest.type,
      flags: VirConnectCompareCPUFlags.VIR_CONNECT_COMPARE_CPU_FAIL_INCOMPATIBLE,
    });
    return null;
  } catch (err) {
    return libvirtMessage(err);
  }
}

/**
 * Can the destination's hypervisor give the guest the CPU it has? A running guest is compared on both
 * hosts: features the source lacks too (and so the guest never had) do not count against the destination.
 */
export async function checkCpu(guest: Domain, running: boolean, source: Libvirt, dest: Libvirt, destName: string): Promise<Problems> {
  const cpu = guest.cpu;
  if (!cpu.present) return [];
  if (cpu.mode === "host-passthrough" || cpu.mode === "maximum") {
    const [here, there] = await Promise.all(
      [source.host.capabilities(), dest.host.capabilities()].map((p) => p.then((x) => Capabilities.parse(x).hostCpu.model)),
    );
    if (here !== there)
      return [blocking("cpu", "hostCpuDiffers", { mode: cpu.mode, host: destName, there: there ?? "?", here: here ?? "?" })];
    return [warning("cpu", "hostCpuIdenticalOnly", { mode: cpu.mode })];
  }
  // host-model in a definition is resolved by each host itself; a running guest's XML names the expanded model.
  if (cpu.mode === "host-model" || !cpu.model) return [];
  const thereFails = await compareOn(dest, guest);
  if (thereFails === null) return [];
  const model = cpu.model;
  const cannotRun = (detail: string) => [blocking("cpu", "cpuCannotRun", { model, host: destName, detail })];
  if (!running) return cannotRun(thereFails);
  const hereFails = await compareOn(source, guest);
  if (hereFails === null) return cannotRun(thereFails);
  const [missingThere, missingHere] = [missingFeatures(thereFails), missingFeatures(hereFails)];
  if (!missingThere || !missingHere) return [warning("cpu", "cpuNotCompared", { detail: thereFails })];
  const lost = missingThere.filter((f) => !missingHere.includes(f));
  return lost.length ? [blocking("cpu", "cpuFeaturesLost", { model, host: destName, features: lost.join(", ") })] : [];
}

/** Every network, bridge and macvtap device the guest's NICs use, present and active on the destination. */
export async function checkNetworks(guest: Domain, dest: Libvirt, destName: string): Promise<Problems> {
  const nics = guest.devices.interfaces.items;
  if (nics.length === 0) return [];
  const [networks, interfaces] = await Promise.all([
    dest.networks.list(),
    withInterfaceDriver(dest, () => dest.interfaces.list(VirConnectListAllInterfacesFlags.VIR_CONNECT_LIST_INTERFACES_ACTIVE)).catch(
      () => null,
    ),
  ]);
  const problems: Problems = [];
  const seen = new Set<string>();
  for (const nic of nics) {
    const key = `${nic.type}:${nic.sourceNetwork ?? nic.sourceBridge ?? nic.sourceDev}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (nic.type === "network" && nic.sourceNetwork) {
      const net = networks.find((n) => n.name === nic.sourceNetwork);
      if (!net) problems.push(blocking("network", "networkMissing", { network: nic.sourceNetwork, host: destName }));
      else if (!net.active) problems.push(blocking("network", "networkInactive", { network: nic.sourceNetwork, host: destName }));
    } else if ((nic.type === "bridge" && nic.sourceBridge) || (nic.type === "direct" && nic.sourceDev)) {
      const device = (nic.sourceBridge ?? nic.sourceDev)!;
      const what = nic.type === "bridge" ? "bridge" : "interface";
      if (interfaces === null) problems.push(warning("network", "interfacesUnlisted", { what, device, host: destName }));
      else if (!interfaces.some((i) => i.name === device))
        problems.push(blocking("network", "interfaceMissing", { what, device, host: destName }));
    }
  }
  return problems;
}

type PoolView = { name: string; active: boolean; targetPath?: string };

async function describePools(lv: Libvirt): Promise<PoolView[]> {
  const pools = await lv.storage.listPools();
  return Promise.all(
    pools.map(async (p) => ({
      name: p.name,
      active: p.active,
      targetPath: await lv.storage
        .poolXml(p.ref)
        .then((x) => StoragePool.parse(x).targetPath)
        .catch(() => undefined),
    })),
  );
}

/**
 * Every disk the guest reads must be there on the destination at the same path (shared storage), or,
 * when its disks are copied, a pool there must hold the directory the copies are created in.
 */
export async function checkDisks(guest: Domain, dest: Libvirt, destName: string, copyStorage: boolean): Promise<Problems> {
  const disks = guest.devices.disks.items.filter((d) => d.sourceFile ?? d.sourceDev ?? d.sourceVolume);
  if (disks.length === 0) return [];
  const pools = await describePools(dest);
  const problems: Problems = [];
  for (const disk of disks) {
    const named = { disk: disk.targetDev ?? "", source: disk.sourceDescription ?? "", host: destName };
    const copied = copyStorage && !disk.readonly && !disk.shareable && disk.device !== "cdrom";
    if (disk.sourcePool && disk.sourceVolume) {
      const pool = pools.find((p) => p.name === disk.sourcePool);
      if (!pool) problems.push(blocking("disk", "diskPoolMissing", { ...named, pool: disk.sourcePool }));
      else if (!pool.active) problems.push(blocking("disk", "diskPoolInactive", { ...named, pool: disk.sourcePool }));
      continue;
    }
    const file = (disk.sourceFile ?? disk.sourceDev)!;
    const poolHere = pools.find((p) => p.targetPath === path.dirname(file));
    if (copied) {
      if (!poolHere) problems.push(blocking("disk", "diskNoCopyPool", { ...named, directory: path.dirname(file) }));
      continue;
    }
    const found = await dest.storage.lookupVolumeByPath(file).then(
      () => true,
      () => false,
    );
    if (found) continue;
    if (poolHere) problems.push(blocking("disk", "diskMissing", { ...named, pool: poolHere.name }));
    else problems.push(warning("disk", "diskUnchecked", named));
  }
  return problems;
}
