import { z } from "zod";
import { said } from "../messages";
import type { DeviceForm } from "@/lib/guests/hardware/types";
import { Audio } from "@/lib/xml/devices/audio";
import { hostPath, options } from "./common";

/**
 * The backends the form offers: no host sound, the SPICE client's speakers (needs a SPICE display),
 * a WAV file on the host, or a PulseAudio server. Others (ALSA, OSS, JACK, SDL…) play on the host's
 * own sound card, which a server rarely has: kept as defined.
 */
export const audioBackends = ["none", "spice", "file", "pulseaudio"] as const satisfies readonly (typeof Audio.types)[number][];

export const audioSchema = z
  .object({
    type: z.enum(audioBackends, { message: said("pickSoundOutput") }),
    path: z.union([z.literal(""), hostPath]).default(""),
    serverName: z
      .string()
      .trim()
      .max(256, said("atMostChars"))
      .regex(/^[^\s'"<>&]*$/, said("audioServer"))
      .default(""),
  })
  .superRefine((v, ctx) => {
    if (v.type === "file" && !v.path) ctx.addIssue({ code: "custom", path: ["path"], message: said("enterWavFile") });
  });
export type AudioValues = z.infer<typeof audioSchema>;

export const audioForm: DeviceForm = {
  family: "audio",
  addable: true,
  defaults: { ...Audio.defaults, path: "", serverName: "" },
  fields: [
    {
      name: "type",
      label: "backend",
      kind: "select",
      hint: "whereTheHostSendsWhat",
      options: options(audioBackends, {
        none: "noneTheGuestHearsNothing",
        spice: "spiceTheViewerSSpeakers",
        file: "wavFileOnTheHost",
        pulseaudio: "pulseaudioServer",
      }),
    },
    { name: "path", label: "file", kind: "text", hint: "writtenByQemuOnThe", showIf: { field: "type", equals: "file" } },
    {
      name: "serverName",
      label: "server",
      kind: "text",
      hint: "emptyTheHostSDefault",
      showIf: { field: "type", equals: "pulseaudio" },
    },
  ],
};
