import { attr, defineModel, flag, int, intAttr, list, onOff, text } from "../core";

export class InterfaceIp extends defineModel("InterfaceIp", "ip", {
  address: text("./@address"),
  prefix: int("./@prefix"),
}) {}

export class InterfaceProtocol extends defineModel("InterfaceProtocol", "protocol", {
  family: text<"ipv4" | "ipv6">("./@family"),
  dhcp: flag("./dhcp"),
  autoconf: flag("./autoconf"),
  ips: list(() => InterfaceIp, "./ip"),
  gateway: attr("./route", "gateway"),
}) {}

/** A member of a bridge or bond (deeper nesting is kept in the XML but not modelled). */
export class InterfaceMember extends defineModel("InterfaceMember", "interface", {
  type: text<"ethernet" | "bond" | "vlan">("./@type"),
  name: text("./@name"),
  mac: attr("./mac", "address"),
}) {}

/** A host network interface (`virsh iface-dumpxml`): ethernet, bridge (with member ports), bond, vlan. */
export class HostInterface extends defineModel("HostInterface", "interface", {
  type: text<"ethernet" | "bridge" | "bond" | "vlan">("./@type"),
  name: text("./@name"),
  startMode: attr<"onboot" | "none" | "hotplug">("./start", "mode"),
  mtu: intAttr("./mtu", "size"),
  protocols: list(() => InterfaceProtocol, "./protocol"),
  mac: attr("./mac", "address"),
  bridgeStp: onOff("./bridge/@stp"),
  bridgeDelay: text("./bridge/@delay"),
  bridgePorts: list(() => InterfaceMember, "./bridge/interface"),
  bondMode: attr("./bond", "mode"),
  bondPorts: list(() => InterfaceMember, "./bond/interface"),
  vlanTag: intAttr("./vlan", "tag"),
  vlanDevice: attr("./vlan/interface", "name"),
}) {}
