import { attr, defineModel, text } from "../core";
import { deviceTail } from "./common";

const types = ["tablet", "mouse", "keyboard", "passthrough", "evdev"] as const;
const buses = ["usb", "virtio", "ps2", "xen"] as const;

export class Input extends defineModel("Input", "input", {
  type: text<(typeof types)[number]>("./@type"),
  bus: text<(typeof buses)[number]>("./@bus"),
  model: text("./@model"),
  sourceEvdev: attr("./source", "evdev"),
  ...deviceTail,
}) {
  static readonly types = types;
  static readonly buses = buses;
  /** virt-manager's pointer: a USB tablet, so the mouse follows the display without grabbing. */
  static readonly defaults = { type: "tablet", bus: "usb" } as const;
}
