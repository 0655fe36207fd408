// serial, parallel, console and channel share libvirt's character-device grammar.
import { attr, defineModel, intAttr, text } from "../core";
import { deviceTail } from "./common";

/** libvirt's character-device source types. */
export const charSourceTypes = [
  "pty",
  "file",
  "unix",
  "tcp",
  "udp",
  "spicevmc",
  "null",
  "stdio",
  "dev",
  "pipe",
  "vc",
  "spiceport",
] as const;
export type CharSourceType = (typeof charSourceTypes)[number];

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

export class Serial extends defineModel("Serial", "serial", charDeviceFields) {
  /** The device models of a serial port on x86 (libvirt takes more on other architectures). */
  static readonly targetTypes = ["isa-serial", "usb-serial", "pci-serial"] as const;
  static readonly defaults = { type: "pty", targetType: "isa-serial" } as const;
}
export class Parallel extends defineModel("Parallel", "parallel", charDeviceFields) {
  static readonly defaults = { type: "pty" } as const;
}
export class Console extends defineModel("Console", "console", charDeviceFields) {
  /** Only the first console may be a serial port; it then mirrors serial port 0. */
  static readonly targetTypes = ["serial", "virtio"] as const;
  static readonly defaults = { type: "pty", targetType: "virtio" } as const;
}

/** Guest channels: type unix + target virtio org.qemu.guest_agent.0 (qemu-ga), or spicevmc com.redhat.spice.0. */
export class Channel extends defineModel("Channel", "channel", {
  ...charDeviceFields,
  targetName: attr("./target", "name"),
  /** guestfwd: the guest-side IPv4 address (with targetPort) that reaches this chardev. */
  targetAddress: attr("./target", "address"),
  targetState: attr<"connected" | "disconnected">("./target", "state"),
}) {
  static readonly targetTypes = ["virtio", "guestfwd"] as const;
  /** The channel the QEMU guest agent (qemu-ga) listens on. */
  static readonly guestAgentName = "org.qemu.guest_agent.0";
  /** The channel the SPICE agent (clipboard, display size) listens on. */
  static readonly spiceAgentName = "com.redhat.spice.0";
  static readonly defaults = { type: "unix", targetType: "virtio", targetName: Channel.guestAgentName } as const;

  static guestAgent(): Channel {
    return new Channel({ type: "unix", targetType: "virtio", targetName: Channel.guestAgentName });
  }
  static spiceAgent(): Channel {
    return new Channel({ type: "spicevmc", targetType: "virtio", targetName: Channel.spiceAgentName });
  }
}
