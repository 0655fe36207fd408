import "server-only";
import { describeAs, say } from "@/lib/guests/hardware/device-words";
import { channelNames, type ChannelValues } from "@/lib/validations/hardware/channel";
import { Channel } from "@/lib/xml";
import { channelSourceTypes } from "@/lib/validations/hardware/chardev";
import { defineCodec } from "../codec";
import { charRuntimeFields, charSourceSummary, charSourceValues, editCharSource, writeCharSource } from "./chardev";
import { changed, known, orUndefined } from "./shared-codec";

const shortNames: Record<string, string> = { [Channel.guestAgentName]: "qemu-ga", [Channel.spiceAgentName]: "spice" };

function valuesOf(c: Channel): ChannelValues {
  // A guestfwd channel has no name; it reads as the form's default one.
  const name = c.targetType === "guestfwd" ? Channel.defaults.targetName : (c.targetName ?? "");
  const preset = channelNames.includes(name as (typeof channelNames)[number]);
  return {
    ...charSourceValues(c, channelSourceTypes),
    clipboard: c.clipboardCopyPaste !== "no",
    mouseMode: c.mouseMode === "server" ? "server" : "client",
    targetType: known(Channel.targetTypes, c.targetType, Channel.defaults.targetType),
    name: preset ? (name as ChannelValues["name"]) : "custom",
    customName: preset ? "" : name,
    fwdAddress: c.targetAddress ?? "",
    fwdPort: c.targetType === "guestfwd" ? (c.targetPort ?? null) : null,
  };
}

/** qemu-vdagent's own source settings; other types have none. */
function writeVdagent(c: Channel, v: ChannelValues): void {
  const vdagent = v.type === "qemu-vdagent";
  c.clipboardCopyPaste = vdagent ? (v.clipboard ? "yes" : "no") : undefined;
  c.mouseMode = vdagent ? v.mouseMode : undefined;
}

function writeTarget(c: Channel, v: ChannelValues): void {
  const virtio = v.targetType === "virtio";
  c.targetType = v.targetType;
  c.targetName = virtio ? (v.name === "custom" ? v.customName : v.name) : undefined;
  c.targetAddress = virtio ? undefined : v.fwdAddress;
  c.targetPort = virtio ? undefined : orUndefined(v.fwdPort);
}

export const channelCodec = defineCodec<Channel, ChannelValues>({
  family: "channel",
  list: (dom) => dom.devices.channels,
  describe: (c) =>
    describeAs(
      [say("channel"), c.targetType === "guestfwd" ? "guestfwd" : (shortNames[c.targetName ?? ""] ?? c.targetName)],
      [
        ...charSourceSummary(c),
        c.targetType === "guestfwd"
          ? say("channelGuestAddress", { address: c.targetAddress ?? "?", port: String(c.targetPort ?? "?") })
          : c.targetName,
        c.targetState,
      ],
    ),
  values: valuesOf,
  create: (v) => {
    const c = new Channel({});
    writeCharSource(c, v);
    writeVdagent(c, v);
    writeTarget(c, v);
    return { device: c };
  },
  edit: (c, v) => {
    const before = valuesOf(c);
    editCharSource(c, before, v);
    if (changed(before, v, "type", "clipboard", "mouseMode")) writeVdagent(c, v);
    if (changed(before, v, "targetType", "name", "customName", "fwdAddress", "fwdPort")) {
      writeTarget(c, v);
      // The connected/disconnected state is the running agent's, not part of a new target.
      c.targetState = undefined;
    }
  },
  // virtio-serial ports hot-plug; libvirt says so itself when a guestfwd one cannot.
  hotplug: { attach: true, detach: true, update: false },
  runtimeFields: charRuntimeFields,
});
