import "server-only";
import { describeAs, say } from "@/lib/guests/hardware/device-words";
import { soundModels, type SoundValues } from "@/lib/validations/hardware/sound";
import { Sound } from "@/lib/xml";
import { defineCodec } from "../codec";
import { known } from "./shared-codec";

const valuesOf = (s: Sound): SoundValues => ({ model: known(soundModels, s.model, Sound.defaults.model) });

export const soundCodec = defineCodec<Sound, SoundValues>({
  family: "sound",
  list: (dom) => dom.devices.sounds,
  describe: (s) => describeAs([say("sound"), s.model ?? "?"], [!!s.codecType && say("codec", { codec: s.codecType })]),
  values: valuesOf,
  create: (v) => ({ device: new Sound({ model: v.model }) }),
  edit: (s, v) => {
    if (valuesOf(s).model === v.model) return;
    s.model = v.model;
    // Codecs exist on HDA models only; the old address may not suit a USB device.
    s.codecType = undefined;
    s.address.removeFromParent();
  },
  hotplug: { attach: false, detach: false, update: false },
});
