import { defineModel, intAttr, onOff, text } from "../core";
import { deviceTail } from "./common";

// The values libvirt 9.0 knows, kept with the model (as virtinst keeps them on the device class);
// schemas, forms and codecs take them from here.
const memballoonModels = ["virtio", "none", "virtio-transitional", "virtio-non-transitional", "xen"] as const;

export class Memballoon extends defineModel("Memballoon", "memballoon", {
  model: text<(typeof memballoonModels)[number]>("./@model"),
  autodeflate: onOff("./@autodeflate"),
  freePageReporting: onOff("./@freePageReporting"),
  statsPeriod: intAttr("./stats", "period"),
  ...deviceTail,
}) {
  static readonly models = memballoonModels;
  static readonly defaults = { model: "virtio" } as const;
}
