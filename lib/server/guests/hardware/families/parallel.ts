import "server-only";
import type { ParallelValues } from "@/lib/validations/hardware/parallel";
import { Parallel } from "@/lib/xml";
import { defineCodec } from "../codec";
import { charRuntimeFields, charSourceSummary, charSourceValues, editCharSource, portLabel, writeCharSource } from "./chardev";

const types = ["pty", "file", "unix", "tcp", "udp", "null"] as const;

const valuesOf = (p: Parallel): ParallelValues => charSourceValues(p, types);

export const parallelCodec = defineCodec<Parallel, ParallelValues>({
  family: "parallel",
  list: (dom) => dom.devices.parallels,
  describe: (p) => ({ title: `Parallel${portLabel(p)}`, summary: charSourceSummary(p) }),
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
