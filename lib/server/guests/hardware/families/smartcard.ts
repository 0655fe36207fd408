import "server-only";
import { describeAs, say } from "@/lib/guests/hardware/device-words";
import { smartcardModes, type SmartcardValues } from "@/lib/validations/hardware/smartcard";
import { Smartcard } from "@/lib/xml";
import { defineCodec } from "../codec";
import { known } from "./shared-codec";

const write = (s: Smartcard, values: SmartcardValues) => {
  s.mode = values.mode;
  s.type = values.mode === "passthrough" ? Smartcard.defaults.type : undefined;
};

export const smartcardCodec = defineCodec<Smartcard, SmartcardValues>({
  family: "smartcard",
  list: (dom) => dom.devices.smartcards,
  describe: (s) => describeAs([say("smartcard")], [say(s.mode === "host" ? "hostReader" : "smartcardPassthrough")]),
  values: (s) => ({ mode: known(smartcardModes, s.mode, Smartcard.defaults.mode) }),
  create: (values) => {
    const s = new Smartcard({});
    write(s, values);
    return { device: s };
  },
  edit: (s, values) => {
    if (s.mode !== values.mode) write(s, values);
  },
  hotplug: { attach: false, detach: false, update: false },
});
