import "server-only";
import { describeAs, say } from "@/lib/guests/hardware/device-words";
import type { ParallelValues } from "@/lib/validations/hardware/parallel";
import { Parallel } from "@/lib/xml";
import { portSourceTypes } from "@/lib/validations/hardware/chardev";
import { defineCodec } from "../codec";
import { charRuntimeFields, charSourceSummary, charSourceValues, editCharSource, portLabel, writeCharSource } from "./chardev";

const valuesOf = (p: Parallel): ParallelValues => charSourceValues(p, portSourceTypes);

export const parallelCodec = defineCodec<Parallel, ParallelValues>({
  family: "parallel",
  list: (dom) => dom.devices.parallels,
  describe: (p) => describeAs([say("parallel"), portLabel(p)], charSourceSummary(p)),
  values: valuesOf,
  create: (v) => {
    const p = new Parallel({});
    writeCharSource(p, v);
    return { device: p };
  },
  edit: (p, v) => editCharSource(p, valuesOf(p), v),
  hotplug: { attach: false, detach: false, update: false },
  runtimeFields: charRuntimeFields,
});
