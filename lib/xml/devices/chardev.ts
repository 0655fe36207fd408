// serial, parallel, console and channel share libvirt's character-device grammar.
import { attr, defineModel, intAttr, text } from "../core";
import { deviceTail } from "./common";

export type CharSourceType =
  "pty" | "unix" | "spicevmc" | "file" | "tcp" | "udp" | "null" | "stdio" | "dev" | "pipe" | "vc" | "spiceport" | "qemu-vdagent";

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

export class Serial extends defineModel("Serial", "serial", charDeviceFields) {}
export class Parallel extends defineModel("Parallel", "parallel", charDeviceFields) {}
export class Console extends defineModel("Console", "console", charDeviceFields) {}

/** The name spice-vdagent in a guest opens, whether SPICE (spicevmc) or QEMU's own vdagent serves it. */
export const SPICE_AGENT_CHANNEL = "com.redhat.spice.0";

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
  static guestAgent(): Channel {
    return new Channel({ type: "unix", targetType: "virtio", targetName: "org.qemu.guest_agent.0" });
  }
  static spiceAgent(): Channel {
    return new Channel({ type: "spicevmc", targetType: "virtio", targetName: SPICE_AGENT_CHANNEL });
  }
  /** QEMU's vdagent with clipboard sharing: VNC clients' clipboard reaches spice-vdagent in the guest. */
  static qemuVdagent(): Channel {
    return new Channel({
      type: "qemu-vdagent",
      clipboardCopyPaste: "yes",
      mouseMode: "client",
      targetType: "virtio",
      targetName: SPICE_AGENT_CHANNEL,
    });
  }
}
