import { attr, defineModel, intAttr, text } from "../core";
import { bootOrderField, deviceTail } from "./common";

export type InterfaceType = "network" | "bridge" | "direct" | "user" | "ethernet" | "hostdev" | "vhostuser";

/** NIC models for x86 guests, best first (libvirt takes any name QEMU knows). */
const models = ["virtio", "e1000e", "e1000", "rtl8139"] as const;
/** macvtap modes. */
const directModes = ["bridge", "vepa", "private", "passthrough"] as const;

/** A guest NIC. type network uses sourceNetwork, bridge uses sourceBridge, direct (macvtap) uses sourceDev + sourceMode. */
export class Interface extends defineModel("Interface", "interface", {
  type: text<InterfaceType>("./@type"),
  mac: attr("./mac", "address"),
  sourceNetwork: attr("./source", "network"),
  sourcePortgroup: attr("./source", "portgroup"),
  sourceBridge: attr("./source", "bridge"),
  sourceDev: attr("./source", "dev"),
  sourceMode: attr<(typeof directModes)[number]>("./source", "mode"),
  virtualportType: attr("./virtualport", "type"),
  // libvirt requires average whenever peak or burst is given.
  inboundAverage: intAttr("./bandwidth/inbound", "average"),
  inboundPeak: intAttr("./bandwidth/inbound", "peak"),
  inboundBurst: intAttr("./bandwidth/inbound", "burst"),
  outboundAverage: intAttr("./bandwidth/outbound", "average"),
  outboundPeak: intAttr("./bandwidth/outbound", "peak"),
  outboundBurst: intAttr("./bandwidth/outbound", "burst"),
  targetDev: attr("./target", "dev"),
  model: attr<(typeof models)[number] | (string & {})>("./model", "type"),
  driverName: attr("./driver", "name"),
  driverQueues: intAttr("./driver", "queues"),
  linkState: attr<"up" | "down">("./link", "state"),
  mtu: intAttr("./mtu", "size"),
  bootOrder: bootOrderField,
  ...deviceTail,
}) {
  static readonly models = models;
  static readonly directModes = directModes;
  static readonly defaults = { model: "virtio", linkState: "up" } as const;
  /** libvirt's mode for a macvtap NIC without one. */
  static readonly defaultDirectMode = "vepa";
}
