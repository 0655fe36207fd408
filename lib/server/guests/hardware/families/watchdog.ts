import "server-only";
import { describeAs, say } from "@/lib/guests/hardware/device-words";
import type { WatchdogValues } from "@/lib/validations/hardware/watchdog";
import { Watchdog } from "@/lib/xml";
import { defineCodec } from "../codec";

export const watchdogCodec = defineCodec<Watchdog, WatchdogValues>({
  family: "watchdog",
  list: (dom) => dom.devices.watchdogs,
  describe: (w) => describeAs([say("watchdog")], [w.model ?? Watchdog.defaults.model, w.action ?? Watchdog.defaults.action]),
  values: (w) => ({ model: w.model ?? Watchdog.defaults.model, action: w.action ?? Watchdog.defaults.action }),
  create: (values) => ({ device: new Watchdog(values) }),
  edit: (w, values) => {
    w.model = values.model;
    w.action = values.action;
  },
  // libvirt can change the action of a running guest's watchdog, and hot-plug an i6300esb.
  hotplug: { attach: true, detach: true, update: true },
});
