import "server-only";
import { describeAs, say } from "@/lib/guests/hardware/device-words";
import { panicModels, type PanicValues } from "@/lib/validations/hardware/panic";
import { Panic } from "@/lib/xml";
import { defineCodec } from "../codec";
import { known } from "./shared-codec";

const valuesOf = (p: Panic): PanicValues => ({ model: known(panicModels, p.model, Panic.defaults.model) });

export const panicCodec = defineCodec<Panic, PanicValues>({
  family: "panic",
  list: (dom) => dom.devices.panics,
  describe: (p) => describeAs([say("panic")], [p.model ?? Panic.defaults.model]),
  values: valuesOf,
  create: (v) => ({ device: new Panic({ model: v.model }) }),
  edit: (p, v) => {
    if (valuesOf(p).model === v.model) return;
    p.model = v.model;
    // An ISA iobase means nothing to a PCI or Hyper-V notifier.
    p.address.removeFromParent();
  },
  hotplug: { attach: false, detach: false, update: false },
});
