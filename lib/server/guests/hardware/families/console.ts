import "server-only";
import { describeAs, say } from "@/lib/guests/hardware/device-words";
import type { ConsoleValues } from "@/lib/validations/hardware/console";
import { Console } from "@/lib/xml";
import { portSourceTypes } from "@/lib/validations/hardware/chardev";
import { defineCodec } from "../codec";
import { charRuntimeFields, charSourceSummary, charSourceValues, editCharSource, writeCharSource } from "./chardev";
import { cannotEdit, changed, known } from "./shared-codec";

/** libvirt mirrors serial port 0 as the first console; that console comes and goes with the serial port. */
const followsSerial = (c: Console): boolean => c.targetType === "serial" && (c.targetPort ?? 0) === 0;

const valuesOf = (c: Console): ConsoleValues => ({
  ...charSourceValues(c, portSourceTypes),
  targetType: known(Console.targetTypes, c.targetType, Console.defaults.targetType),
});

export const consoleCodec = defineCodec<Console, ConsoleValues>({
  family: "console",
  list: (dom) => dom.devices.consoles,
  describe: (c) =>
    describeAs(
      [say("console"), c.targetPort === undefined ? null : c.targetPort + 1],
      [...charSourceSummary(c), followsSerial(c) ? say("consoleFollowsSerial") : (c.targetType ?? "serial")],
    ),
  values: valuesOf,
  create: (v) => {
    const c = new Console({});
    writeCharSource(c, v);
    c.targetType = v.targetType;
    return { device: c };
  },
  edit: (c, v) => {
    const before = valuesOf(c);
    // The serial-port console takes its source from serial port 0 at define time; an edit here would be lost.
    if (followsSerial(c)) {
      if (changed(before, v, "type", "path", "mode", "host", "service", "targetType")) cannotEdit("consoleFollowsSerial");
      return;
    }
    editCharSource(c, before, v);
  },
  removable: (c) => !followsSerial(c),
  hotplug: { attach: false, detach: false, update: false },
  runtimeFields: charRuntimeFields,
});
