import "server-only";
import { describeAs, say, type Phrase } from "@/lib/guests/hardware/device-words";
import { randomBytes } from "node:crypto";
import type { Libvirt } from "@/lib/libvirt";
import type { InterfaceValues } from "@/lib/validations/hardware/interface";
import { Domain, Interface } from "@/lib/xml";
import { defineCodec } from "../codec";
import { cannotCreate, changed, known, orUndefined } from "./shared-codec";

const bandwidth = ["inboundAverage", "inboundPeak", "inboundBurst", "outboundAverage", "outboundPeak", "outboundBurst"] as const;

function sourceOf(nic: Interface): InterfaceValues["source"] {
  const t = nic.type;
  return t === "network" || t === "bridge" || t === "direct" || t === "user" ? t : "other";
}

function writeSource(nic: Interface, v: InterfaceValues): void {
  if (v.source === "other") return;
  nic.type = v.source;
  nic.sourceNetwork = v.source === "network" ? v.network : undefined;
  nic.sourcePortgroup = undefined;
  nic.sourceBridge = v.source === "bridge" ? v.bridge : undefined;
  nic.sourceDev = v.source === "direct" ? v.device : undefined;
  nic.sourceMode = v.source === "direct" ? v.directMode : undefined;
  // A virtualport belongs to the old source (an Open vSwitch port, an 802.1Qbh profile).
  nic.virtualportType = undefined;
}

function sourceText(nic: Interface): Phrase {
  switch (nic.type) {
    case "network":
      return say("virtualNetwork", { network: nic.sourceNetwork ?? "?" });
    case "bridge":
      return say("bridge", { bridge: nic.sourceBridge ?? "?" });
    case "direct":
      return say("macvtap", { device: nic.sourceDev ?? "?", mode: nic.sourceMode ?? Interface.defaultDirectMode });
    case "user":
      return say("usermode");
    default:
      return say("nicType", { type: nic.type ?? "?" });
  }
}

/**
 * A MAC in QEMU's range (52:54:00) no guest on the host uses. Picked here rather than by libvirt, so a
 * NIC added to a running guest and to its saved definition is one NIC with one MAC, not two.
 */
async function unusedMac(lv: Libvirt): Promise<string> {
  const doms = await lv.domains.listRefs();
  const xmls = await Promise.all(doms.map((d) => lv.domains.xml(d).catch(() => null)));
  const used = new Set(xmls.flatMap((x) => (x ? Domain.parse(x).devices.interfaces.items.map((n) => n.mac?.toLowerCase()) : [])));
  for (;;) {
    const mac = `52:54:00:${[...randomBytes(3)].map((b) => b.toString(16).padStart(2, "0")).join(":")}`;
    if (!used.has(mac)) return mac;
  }
}

function valuesOf(nic: Interface): InterfaceValues {
  return {
    source: sourceOf(nic),
    network: nic.sourceNetwork ?? "",
    bridge: nic.sourceBridge ?? "",
    device: nic.sourceDev ?? "",
    // libvirt's default mode for macvtap is vepa; other sources read as the form's default.
    directMode: nic.type === "direct" ? known(Interface.directModes, nic.sourceMode, Interface.defaultDirectMode) : "bridge",
    model: known(Interface.models, nic.model, Interface.defaults.model),
    mac: nic.mac ?? "",
    linkState: nic.linkState ?? Interface.defaults.linkState,
    inboundAverage: nic.inboundAverage ?? null,
    inboundPeak: nic.inboundPeak ?? null,
    inboundBurst: nic.inboundBurst ?? null,
    outboundAverage: nic.outboundAverage ?? null,
    outboundPeak: nic.outboundPeak ?? null,
    outboundBurst: nic.outboundBurst ?? null,
  };
}

export const interfaceCodec = defineCodec<Interface, InterfaceValues>({
  family: "interface",
  list: (dom) => dom.devices.interfaces,
  describe: (nic) =>
    describeAs(
      [say("nic"), nic.mac ?? say("macNotAssigned")],
      [sourceText(nic), nic.model ?? say("defaultModel"), nic.linkState === "down" && say("linkDown")],
    ),
  values: (nic) => valuesOf(nic),
  create: async (v, ctx) => {
    if (v.source === "other") cannotCreate("pickNicSource");
    const nic = new Interface({ type: v.source, model: v.model });
    nic.mac = v.mac || (await unusedMac(ctx.lv));
    writeSource(nic, v);
    if (v.linkState === "down") nic.linkState = "down";
    for (const k of bandwidth) nic[k] = orUndefined(v[k]);
    return { device: nic };
  },
  edit: (nic, v) => {
    const before = valuesOf(nic);
    if (changed(before, v, "source", "network", "bridge", "device", "directMode")) writeSource(nic, v);
    if (changed(before, v, "model")) nic.model = v.model;
    // An empty MAC keeps the one libvirt assigned; the guest would otherwise see a new NIC.
    if (v.mac && v.mac !== before.mac) nic.mac = v.mac;
    if (changed(before, v, "linkState")) nic.linkState = v.linkState;
    for (const k of bandwidth) if (changed(before, v, k)) nic[k] = orUndefined(v[k]);
  },
  identity: (nic) => nic.mac,
  // libvirt changes link state, bandwidth and the network source of a running NIC.
  hotplug: { attach: true, detach: true, update: true },
  // A network NIC runs on the network's bridge (or macvtap device); a MAC left out is assigned.
  runtimeFields: ["bridge", "device", "mac"],
});
