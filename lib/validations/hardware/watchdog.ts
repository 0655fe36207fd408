import { z } from "zod";
import type { DeviceForm } from "@/lib/guests/hardware/types";

const models = ["i6300esb", "ib700", "itco", "diag288"] as const;
const actions = ["reset", "shutdown", "poweroff", "pause", "none", "dump", "inject-nmi"] as const;

export const watchdogSchema = z.object({
  model: z.enum(models, { message: "Pick a watchdog model" }),
  action: z.enum(actions, { message: "Pick what happens when the watchdog fires" }),
});
export type WatchdogValues = z.infer<typeof watchdogSchema>;

export const watchdogForm: DeviceForm = {
  family: "watchdog",
  label: "Watchdog",
  addable: true,
  defaults: { model: "i6300esb", action: "reset" },
  fields: [
    { name: "model", label: "Model", kind: "select", options: models.map((m) => ({ value: m, label: m })) },
    {
      name: "action",
      label: "Action",
      kind: "select",
      hint: "What the host does when the guest stops feeding the watchdog",
      options: [
        { value: "reset", label: "Reset the guest" },
        { value: "shutdown", label: "Gracefully shut down the guest" },
        { value: "poweroff", label: "Forcefully power off the guest" },
        { value: "pause", label: "Pause the guest" },
        { value: "none", label: "Do nothing" },
        { value: "dump", label: "Dump guest memory, then continue" },
        { value: "inject-nmi", label: "Inject an NMI into the guest" },
      ],
    },
  ],
};
