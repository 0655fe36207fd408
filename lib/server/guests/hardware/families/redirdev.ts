import "server-only";
import type { RedirdevValues } from "@/lib/validations/hardware/redirdev";
import { Redirdev } from "@/lib/xml";
import { defineCodec } from "../codec";

export const redirdevCodec = defineCodec<Redirdev, RedirdevValues>({
  family: "redirdev",
  list: (dom) => dom.devices.redirdevs,
  describe: (r) => ({ title: "USB redirector", summary: r.type ?? "spicevmc" }),
  values: () => ({ type: "spicevmc" }),
  create: () => ({ device: new Redirdev({ bus: "usb", type: "spicevmc" }) }),
  edit: () => undefined,
  hotplug: { attach: true, detach: true, update: false },
});
