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
    { name: "model", label: "model", kind: "select", options: options(Watchdog.models) },
    {
      name: "action",
      label: "action",
      kind: "select",
      hint: "whatTheHostDoesWhen",
      options: options(Watchdog.actions, {
        reset: "resetTheGuest",
        shutdown: "gracefullyShutDownTheGuest",
        poweroff: "forcefullyPowerOffTheGuest",
        pause: "pauseTheGuest",
        none: "doNothing",
        dump: "dumpGuestMemoryThenContinue",
        "inject-nmi": "injectAnNmiIntoThe",
      }),
    },
  ],
};
