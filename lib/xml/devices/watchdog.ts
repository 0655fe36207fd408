import { defineModel, text } from "../core";
import { deviceTail } from "./common";

// The values libvirt 9.0 knows, kept with the model (as virtinst keeps them on the device class);
// schemas, forms and codecs take them from here.
const watchdogModels = ["i6300esb", "ib700", "itco", "diag288"] as const;
const watchdogActions = ["reset", "shutdown", "poweroff", "pause", "none", "dump", "inject-nmi"] as const;

export class Watchdog extends defineModel("Watchdog", "watchdog", {
  model: text<(typeof watchdogModels)[number]>("./@model"),
  action: text<(typeof watchdogActions)[number]>("./@action"),
  ...deviceTail,
}) {
  static readonly models = watchdogModels;
  static readonly actions = watchdogActions;
  /** Also what libvirt assumes when the attributes are missing. */
  static readonly defaults = { model: "i6300esb", action: "reset" } as const;
}
