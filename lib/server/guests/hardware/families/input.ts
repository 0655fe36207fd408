import "server-only";
import { describeAs, say } from "@/lib/guests/hardware/device-words";
import { inputBuses, inputTypes, type InputValues } from "@/lib/validations/hardware/input";
import { Input } from "@/lib/xml";
import { defineCodec } from "../codec";
import { known } from "./shared-codec";

const valuesOf = (i: Input): InputValues => ({
  type: known(inputTypes, i.type, Input.defaults.type),
  bus: known(inputBuses, i.bus, Input.defaults.bus),
});

const busLabel: Record<string, string> = { usb: "USB", ps2: "PS/2", virtio: "Virtio", xen: "Xen" };

export const inputCodec = defineCodec<Input, InputValues>({
  family: "input",
  list: (dom) => dom.devices.inputs,
  describe: (i) => {
    const bus = busLabel[i.bus ?? ""] ?? i.bus ?? "";
    const what = i.type === "tablet" || i.type === "keyboard" || i.type === "mouse" ? [say(i.type)] : [say("input"), i.type ?? "?"];
    return describeAs([...what, bus], [i.bus === "ps2" ? say("builtInInput") : i.sourceEvdev]);
  },
  values: valuesOf,
  create: (v) => ({ device: new Input({ type: v.type, bus: v.bus }) }),
  edit: (i, v) => {
    const before = valuesOf(i);
    if (before.type !== v.type) i.type = v.type;
    if (before.bus === v.bus) return;
    i.bus = v.bus;
    // The model and address belonged to the old bus (a virtio keyboard's model='virtio', a USB port).
    i.model = undefined;
    i.address.removeFromParent();
  },
  // The PS/2 mouse and keyboard come with the x86 machine: libvirt re-adds them on every define.
  removable: (i) => i.bus !== "ps2",
  // USB and virtio inputs hot-plug; libvirt refuses PS/2 itself with its own message.
  hotplug: { attach: true, detach: true, update: false },
});
