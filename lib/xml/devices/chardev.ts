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
  "qemu-vdagent",
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
  logAppend: attr<"on" | "off">("./log", "append"),
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

/**
 * Guest channels: type unix + target virtio org.qemu.guest_agent.0 (qemu-ga), spicevmc com.redhat.spice.0, or
 * qemu-vdagent com.redhat.spice.0 (QEMU speaks the SPICE agent protocol itself: the clipboard of VNC clients).
 */
export class Channel extends defineModel("Channel", "channel", {
  ...charDeviceFields,
  /** qemu-vdagent: share the clipboard with VNC clients (yes/no). */
  clipboardCopyPaste: attr<"yes" | "no">("./source/clipboard", "copypaste"),
  /** qemu-vdagent: client (absolute, through the agent) or server pointer. */
  mouseMode: attr<"client" | "server">("./source/mouse", "mode"),
  targetName: attr("./target", "name"),
  /** guestfwd: the guest-side IPv4 address (with targetPort) that reaches this chardev. */
  targetAddress: attr("./target", "address"),
  targetState: attr<"connected" | "disconnected">("./target", "state"),
}) {
  static readonly targetTypes = ["virtio", "guestfwd"] as const;
  /** The channel the QEMU guest agent (qemu-ga) listens on. */
  static readonly guestAgentName = "org.qemu.guest_agent.0";
  /** The channel the SPICE agent (clipboard, display size) listens on, whether SPICE or QEMU's own vdagent serves it. */
  static readonly spiceAgentName = "com.redhat.spice.0";
  static readonly defaults = { type: "unix", targetType: "virtio", targetName: Channel.guestAgentName } as const;

  static guestAgent(): Channel {
    return new Channel({ type: "unix", targetType: "virtio", targetName: Channel.guestAgentName });
  }
  static spiceAgent(): Channel {
    return new Channel({ type: "spicevmc", targetType: "virtio", targetName: Channel.spiceAgentName });
  }
  /** QEMU's vdagent with clipboard sharing: VNC clients' clipboard reaches spice-vdagent in the guest. */
  static qemuVdagent(): Channel {
    return new Channel({
      type: "qemu-vdagent",
      clipboardCopyPaste: "yes",
      mouseMode: "client",
      targetType: "virtio",
      targetName: Channel.spiceAgentName,
    });
  }
}
