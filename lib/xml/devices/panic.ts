import { defineModel, text } from "../core";
import { deviceTail } from "./common";

// The values libvirt 9.0 knows, kept with the model (as virtinst keeps them on the device class);
// schemas, forms and codecs take them from here.
// libvirt 9.0 has no pvpanic-pci model (its schema rejects model='pvpanic'); isa is the x86 pvpanic device.
const panicModels = ["isa", "hyperv", "pseries", "s390"] as const;

export class Panic extends defineModel("Panic", "panic", {
  model: text<(typeof panicModels)[number]>("./@model"),
  ...deviceTail,
}) {
  static readonly models = panicModels;
  static readonly defaults = { model: "isa" } as const;
}
