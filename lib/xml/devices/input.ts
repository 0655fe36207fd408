import { attr, defineModel, text } from "../core";
import { deviceTail } from "./common";

export class Input extends defineModel("Input", "input", {
  type: text<"tablet" | "mouse" | "keyboard" | "passthrough" | "evdev">("./@type"),
  bus: text<"usb" | "ps2" | "virtio" | "xen">("./@bus"),
  model: text("./@model"),
  sourceEvdev: attr("./source", "evdev"),
  ...deviceTail,
}) {}
