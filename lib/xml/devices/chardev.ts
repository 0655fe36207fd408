// serial, parallel, console and channel share libvirt's character-device grammar.
import { attr, defineModel, intAttr, text } from "../core";
import { deviceTail } from "./common";

export type CharSourceType = "pty" | "unix" | "spicevmc" | "file" | "tcp" | "udp" | "null" | "stdio" | "dev" | "pipe" | "vc" | "spiceport";

const charDeviceFields = {
  type: text<CharSourceType>("./@type"),
  sourcePath: attr("./source", "path"),
  sourceMode: attr<"bind" | "connect">("./source", "mode"),
  sourceHost: attr("./source", "host"),
  sourceService: attr("./source", "service"),
  protocolType: attr("./protocol", "type"),
  logFile: attr("./log", "file"),
  targetType: attr("./target", "type"),
  targetPort: intAttr("./target", "port"),
  targetModel: attr("./target/model", "name"),
  ...deviceTail,
};

export class Serial extends defineModel("Serial", "serial", charDeviceFields) {}
export class Parallel extends defineModel("Parallel", "parallel", charDeviceFields) {}
export class Console extends defineModel("Console", "console", charDeviceFields) {}

/** Guest channels: type unix + target virtio org.qemu.guest_agent.0 (qemu-ga), or spicevmc com.redhat.spice.0. */
export class Channel extends defineModel("Channel", "channel", {
  ...charDeviceFields,
  targetName: attr("./target", "name"),
  /** guestfwd: the guest-side IPv4 address (with targetPort) that reaches this chardev. */
  targetAddress: attr("./target", "address"),
  targetState: attr<"connected" | "disconnected">("./target", "state"),
}) {
  static guestAgent(): Channel {
    return new Channel({ type: "unix", targetType: "virtio", targetName: "org.qemu.guest_agent.0" });
  }
  static spiceAgent(): Channel {
    return new Channel({ type: "spicevmc", targetType: "virtio", targetName: "com.redhat.spice.0" });
  }
}
