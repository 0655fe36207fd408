import "server-only";
import { redactSecrets } from "@/lib/guests/domain-secrets";
import { describeAs, type DeviceText } from "@/lib/guests/hardware/device-words";
import {
  deviceFamilies,
  type DeviceFamily,
  type DeviceView,
  type HardwareResponse,
  type HardwareSection,
} from "@/lib/guests/hardware/types";
import { loadOsinfoDb } from "@/lib/osinfo";
import type { Device, Domain } from "@/lib/xml";
import { loadDefinition, readAutostart } from "./definition";
import type { GuestRef } from "@/lib/guests/types";
import type { VerbContext } from "../../verb-context";
import { viewHardwareTarget } from "./hardware-target";
import { changedFields, deviceKey, familyDevices, matchDevices } from "./device-match";
import { deviceCodecs } from "./families";
import { describeReadOnly } from "./families/read-only";
import { clusterCpuOf } from "../../host-clusters/cluster-cpu";
import { bootEntries, cpuView, generalView, memoryView, osIdOf } from "./section-views";

/** A device's title and summary, from its codec or, for families without one (the page sends them to the XML tab), what it is. */
export function describeDevice(family: DeviceFamily, device: Device): DeviceText {
  const codec = deviceCodecs[family];
  if (codec) return codec.describe(device as never);
  return describeReadOnly(family, device) ?? describeAs([family]);
}

function deviceViews(saved: Domain, live: Domain | null): DeviceView[] {
  return deviceFamilies.flatMap((family) => {
    const codec = deviceCodecs[family];
    const savedDevices = familyDevices(saved, family);
    const liveDevices = live ? familyDevices(live, family) : [];
    const { liveIndexOf, unmatchedLive } = matchDevices(codec, savedDevices, liveDevices);
    const view = (device: Device, key: string): Omit<DeviceView, "pending" | "pendingFields"> => ({
      key,
      family,
      text: describeDevice(family, device),
      values: codec ? codec.values(device as never) : {},
      removable: codec ? (codec.removable?.(device as never) ?? true) : false,
    });
    const views: DeviceView[] = savedDevices.map((device, index) => {
      const base = view(device, deviceKey(family, index));
      if (!live) return { ...base, pending: null, pendingFields: [] };
      const twin = liveDevices[liveIndexOf[index]];
      if (!twin) return { ...base, pending: "add", pendingFields: [] };
      const fields = codec ? changedFields(codec.values(twin as never), base.values, codec.runtimeFields) : [];
      return { ...base, pending: fields.length ? "change" : null, pendingFields: fields };
    });
    for (const index of unmatchedLive) {
      views.push({ ...view(liveDevices[index], deviceKey(family, index, true)), pending: "remove", pendingFields: [] });
    }
    return views;
  });
}

const differs = (a: unknown, b: unknown) => JSON.stringify(a) !== JSON.stringify(b);

const titleOf = (family: string, device: Device) => describeDevice(family as DeviceFamily, device).title;

function pendingSections(saved: Domain, live: Domain | null): HardwareSection[] {
  if (!live) return [];
  const pending: HardwareSection[] = [];
  const general = (d: Domain) => [d.title ?? "", d.description ?? ""];
  // A running guest's host-model CPU reads back expanded into a custom model, so modes are not compared.
  const cpu = (d: Domain) => ({ ...cpuView(d, 0), mode: null, model: null });
  const memory = (d: Domain) => memoryView(d, 0);
  const boot = (d: Domain) => [
    bootEntries(d, titleOf).map((e) => [e.key, e.order]),
    d.os.bootMenu ?? false,
    d.os.kernel ?? "",
    d.os.initrd ?? "",
    d.os.cmdline ?? "",
  ];
  if (differs(general(saved), general(live))) pending.push("general");
  if (differs(cpu(saved), cpu(live))) pending.push("cpu");
  if (differs(memory(saved), memory(live))) pending.push("memory");
  if (differs(boot(saved), boot(live))) pending.push("boot");
  return pending;
}

/**
 * Everything the hardware tab shows: sections and devices, with what still waits for the guest to shut
 * down. Read from copies with the secrets replaced, so no field can carry one to the browser.
 */
export async function readHardware(ctx: VerbContext, ref: GuestRef): Promise<HardwareResponse> {
  const target = await viewHardwareTarget(ctx, ref);
  const [definition, node, autostart, clusterCpu] = await Promise.all([
    loadDefinition(target),
    target.lv.host.nodeInfo(),
    readAutostart(target),
    clusterCpuOf(ref.hostId),
  ]);
  const { saved, live, etag } = definition;
  redactSecrets(saved);
  if (live) redactSecrets(live);
  const osId = osIdOf(saved);
  const osName = osId ? ((await loadOsinfoDb().catch(() => null))?.get(osId)?.name ?? null) : null;
  const hostMiB = Number(node.memory / 1024n);
  return {
    etag,
    running: live !== null,
    general: generalView(saved, live, osName),
    cpu: { ...cpuView(saved, node.cpus), clusterCpu: clusterCpu && { cluster: clusterCpu.cluster, model: clusterCpu.model } },
    memory: memoryView(saved, hostMiB),
    boot: {
      autostart,
      bootMenu: saved.os.bootMenu ?? false,
      entries: bootEntries(saved, titleOf),
      kernel: saved.os.kernel ?? "",
      initrd: saved.os.initrd ?? "",
      cmdline: saved.os.cmdline ?? "",
    },
    devices: deviceViews(saved, live),
    pendingSections: pendingSections(saved, live),
  };
}
