import { z } from "zod";
import { said } from "../messages";
import type { DeviceForm } from "@/lib/guests/hardware/types";
import { Watchdog } from "@/lib/xml/devices/watchdog";
import { options } from "./common";

export const watchdogSchema = z.object({
  model: z.enum(Watchdog.models, { message: said("pickWatchdogModel") }),
  action: z.enum(Watchdog.actions, { message: said("pickWatchdogAction") }),
});
export type WatchdogValues = z.infer<typeof watchdogSchema>;

export const watchdogForm: DeviceForm = {
  family: "watchdog",
  addable: true,
  defaults: { ...Watchdog.defaults },
  fields: [
    { name: "model", label: "Model", kind: "select", options: options(Watchdog.models) },
    {
      name: "action",
      label: "Action",
      kind: "select",
      hint: "What the host does when the guest stops feeding the watchdog",
      options: options(Watchdog.actions, {
        reset: "Reset the guest",
        shutdown: "Gracefully shut down the guest",
        poweroff: "Forcefully power off the guest",
        pause: "Pause the guest",
        none: "Do nothing",
        dump: "Dump guest memory, then continue",
        "inject-nmi": "Inject an NMI into the guest",
      }),
    },
  ],
};
