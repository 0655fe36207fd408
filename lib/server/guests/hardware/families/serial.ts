import "server-only";
import { serialTargetTypes, type SerialValues } from "@/lib/validations/hardware/serial";
import { Serial } from "@/lib/xml";
import { defineCodec } from "../codec";
import { charRuntimeFields, charSourceSummary, charSourceValues, editCharSource, portLabel, writeCharSource } from "./chardev";
import { known } from "./util";

const types = ["pty", "file", "unix", "tcp", "udp", "null"] as const;

const valuesOf = (s: Serial): SerialValues => ({
  ...charSourceValues(s, types),
  targetType: known(serialTargetTypes, s.targetType, "isa-serial"),
});

export const serialCodec = defineCodec<Serial, SerialValues>({
  family: "serial",
  list: (dom) => dom.devices.serials,
  describe: (s) => ({ title: `Serial${portLabel(s)}`, summary: `${charSourceSummary(s)}, ${s.targetType ?? "isa-serial"}` }),
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
