import { attr, defineModel, intAttr, text } from "../core";
import { deviceTail } from "./common";

// The values libvirt 9.0 knows, kept with the model (as virtinst keeps them on the device class);
// schemas, forms and codecs take them from here.
const soundModels = ["ich9", "ich6", "ac97", "usb", "es1370", "sb16", "ich7", "pcspk"] as const;

export class Sound extends defineModel("Sound", "sound", {
  model: text<(typeof soundModels)[number]>("./@model"),
  codecType: attr("./codec", "type"),
  /** The <audio> backend (by its id) this device plays through; libvirt uses the first one without it. */
  audioId: intAttr("./audio", "id"),
  ...deviceTail,
}) {
  static readonly models = soundModels;
  /** virt-manager's choice for x86 guests: Intel HDA on the ICH9 (q35) chipset. */
  static readonly defaults = { model: "ich9" } as const;
}
