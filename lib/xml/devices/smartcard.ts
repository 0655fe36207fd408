import { defineModel, text } from "../core";
import { deviceTail } from "./common";

// The values libvirt 9.0 knows, kept with the model (as virtinst keeps them on the device class);
// schemas, forms and codecs take them from here.
const smartcardModes = ["passthrough", "host", "host-certificates"] as const;

export class Smartcard extends defineModel("Smartcard", "smartcard", {
  mode: text<(typeof smartcardModes)[number]>("./@mode"),
  type: text("./@type"),
  ...deviceTail,
}) {
  static readonly modes = smartcardModes;
  static readonly defaults = { mode: "passthrough", type: "spicevmc" } as const;
}
