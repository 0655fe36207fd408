import "server-only";
import type { WatchdogValues } from "@/lib/validations/hardware/watchdog";
import { Watchdog } from "@/lib/xml";
import { defineCodec } from "../codec";

export const watchdogCodec = defineCodec<Watchdog, WatchdogValues>({
  family: "watchdog",
  list: (dom) => dom.devices.watchdogs,
  describe: (w) => ({ title: "Watchdog", summary: `${w.model ?? "i6300esb"}, ${w.action ?? "reset"}` }),
  values: (w) => ({ model: (w.model ?? "i6300esb") as WatchdogValues["model"], action: w.action ?? "reset" }),
  create: (values) => ({ device: new Watchdog(values) }),
  edit: (w, values) => {
    w.model = values.model;
    w.action = values.action;
  },
  // libvirt can change the action of a running guest's watchdog, and hot-plug an i6300esb.
  hotplug: { attach: true, detach: true, update: true },
});
