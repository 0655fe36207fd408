import "server-only";
import { describeAs, say } from "@/lib/guests/hardware/device-words";
import type { SerialValues } from "@/lib/validations/hardware/serial";
import { Serial } from "@/lib/xml";
import { portSourceTypes } from "@/lib/validations/hardware/chardev";
import { defineCodec } from "../codec";
import { charRuntimeFields, charSourceSummary, charSourceValues, editCharSource, portLabel, writeCharSource } from "./chardev";
import { known } from "./shared-codec";

const valuesOf = (s: Serial): SerialValues => ({
  ...charSourceValues(s, portSourceTypes),
  targetType: known(Serial.targetTypes, s.targetType, Serial.defaults.targetType),
});

export const serialCodec = defineCodec<Serial, SerialValues>({
  family: "serial",
  list: (dom) => dom.devices.serials,
  describe: (s) => describeAs([say("serial"), portLabel(s)], [...charSourceSummary(s), s.targetType ?? Serial.defaults.targetType]),
  values: valuesOf,
  create: (v) => {
    const s = new Serial({});
    writeCharSource(s, v);
    s.targetType = v.targetType;
    return { device: s };
  },
  edit: (s, v) => {
    const before = valuesOf(s);
    editCharSource(s, before, v);
    if (before.targetType !== v.targetType) {
      s.targetType = v.targetType;
      // The model name and address follow the target type; libvirt fills the new ones in.
      s.targetModel = undefined;
      s.address.removeFromParent();
    }
  },
  hotplug: { attach: true, detach: true, update: false },
  runtimeFields: charRuntimeFields,
});
