import "server-only";
import { describeAs, say } from "@/lib/guests/hardware/device-words";
import type { RngValues } from "@/lib/validations/hardware/rng";
import { Rng } from "@/lib/xml";
import { defineCodec } from "../codec";
import { changed, known, orUndefined } from "./shared-codec";

function valuesOf(r: Rng): RngValues {
  return {
    backend: r.backendModel === "builtin" ? "builtin" : "random",
    path: known(Rng.sources, r.backendPath, Rng.defaults.backendPath),
    rateBytes: r.rateBytes ?? null,
    ratePeriodMs: r.ratePeriod ?? null,
  };
}

function writeBackend(r: Rng, v: RngValues): void {
  // The element's text is the device path; builtin has none. Clear before switching the model.
  r.backendPath = undefined;
  r.backendModel = v.backend;
  if (v.backend === "random") r.backendPath = v.path;
}

export const rngCodec = defineCodec<Rng, RngValues>({
  family: "rng",
  list: (dom) => dom.devices.rngs,
  describe: (r) =>
    describeAs(
      [say("rng"), r.backendModel === "random" ? (r.backendPath ?? "/dev/random") : r.backendModel],
      [
        r.model ?? Rng.defaults.model,
        !!r.rateBytes && say("rngRate", { bytes: r.rateBytes, period: r.ratePeriod ?? Rng.defaultRatePeriod }),
      ],
    ),
  values: valuesOf,
  create: (v) => {
    const r = new Rng({ model: Rng.defaults.model, rateBytes: orUndefined(v.rateBytes), ratePeriod: orUndefined(v.ratePeriodMs) });
    writeBackend(r, v);
    return { device: r };
  },
  edit: (r, v) => {
    const before = valuesOf(r);
    if (changed(before, v, "backend", "path")) writeBackend(r, v);
    if (changed(before, v, "rateBytes", "ratePeriodMs")) {
      r.rateBytes = orUndefined(v.rateBytes);
      r.ratePeriod = orUndefined(v.ratePeriodMs);
    }
  },
  hotplug: { attach: true, detach: true, update: false },
});
