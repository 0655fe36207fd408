import { z } from "zod";
import { said } from "../messages";
import type { DeviceForm } from "@/lib/guests/hardware/types";
import { Sound } from "@/lib/xml/devices/sound";
import { options } from "./common";

/** The models the form offers: HDA on either chipset, AC97 for old guests, USB audio. */
export const soundModels = ["ich9", "ich6", "ac97", "usb"] as const satisfies readonly (typeof Sound.models)[number][];

export const soundSchema = z.object({ model: z.enum(soundModels, { message: said("pickSoundModel") }) });
export type SoundValues = z.infer<typeof soundSchema>;

export const soundForm: DeviceForm = {
  family: "sound",
  addable: true,
  defaults: { ...Sound.defaults },
  fields: [
    {
      name: "model",
      label: "model",
      kind: "select",
      options: options(soundModels, { ich9: "hdaIch9", ich6: "hdaIch6", ac97: "ac97", usb: "usbAudio" }),
    },
  ],
};
