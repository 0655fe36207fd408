import "server-only";
import { describeAs, say } from "@/lib/guests/hardware/device-words";
import type { RedirdevValues } from "@/lib/validations/hardware/redirdev";
import { Redirdev } from "@/lib/xml";
import { defineCodec } from "../codec";

export const redirdevCodec = defineCodec<Redirdev, RedirdevValues>({
  family: "redirdev",
  list: (dom) => dom.devices.redirdevs,
  describe: (r) => describeAs([say("usbRedirector")], [r.type ?? "spicevmc"]),
  values: () => ({ type: "spicevmc" }),
  create: () => ({ device: new Redirdev({ bus: "usb", type: "spicevmc" }) }),
  edit: () => undefined,
  hotplug: { attach: true, detach: true, update: false },
});
