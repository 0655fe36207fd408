import { attr, defineModel, intAttr, text } from "../core";
import { deviceTail } from "./common";

// The values libvirt 9.0 knows, kept with the model (as virtinst keeps them on the device class);
// schemas, forms and codecs take them from here.
const rngBackends = ["random", "builtin", "egd"] as const;
/** Host devices a random backend may read. */
const rngSources = ["/dev/urandom", "/dev/random"] as const;

export class Rng extends defineModel("Rng", "rng", {
  model: text("./@model"),
  rateBytes: intAttr("./rate", "bytes"),
  ratePeriod: intAttr("./rate", "period"),
  backendModel: attr<(typeof rngBackends)[number]>("./backend", "model"),
  backendPath: text("./backend"),
  ...deviceTail,
}) {
  static readonly backends = rngBackends;
  static readonly sources = rngSources;
  static readonly defaults = { model: "virtio", backendModel: "random", backendPath: "/dev/urandom" } as const;
  /** libvirt's rate period when only bytes are given, in ms. */
  static readonly defaultRatePeriod = 1000;
}
