import { z } from "zod";
import type { DeviceForm } from "@/lib/guests/hardware/types";
import { options } from "./common";

export const soundModels = ["ich9", "ich6", "ac97", "usb"] as const;

export const soundSchema = z.object({ model: z.enum(soundModels, { message: "Pick a sound model" }) });
export type SoundValues = z.infer<typeof soundSchema>;

export const soundForm: DeviceForm = {
  family: "sound",
  label: "Sound",
  addable: true,
  defaults: { model: "ich9" },
  fields: [
    {
      name: "model",
      label: "Model",
      kind: "select",
      options: options(soundModels, { ich9: "HDA (ICH9)", ich6: "HDA (ICH6)", ac97: "AC97", usb: "USB audio" }),
    },
  ],
};
