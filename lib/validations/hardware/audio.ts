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
      .max(256, "At most 256 characters")
      .regex(/^[^\s'"<>&]*$/, "A socket path or host name, like unix:/run/pulse/native")
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
      label: "Backend",
      kind: "select",
      hint: "Where the host sends what the guest's sound devices play (and what they record from)",
      options: options(audioBackends, {
        none: "None (the guest hears nothing)",
        spice: "SPICE (the viewer's speakers)",
        file: "WAV file on the host",
        pulseaudio: "PulseAudio server",
      }),
    },
    { name: "path", label: "File", kind: "text", hint: "Written by QEMU on the host", showIf: { field: "type", equals: "file" } },
    {
      name: "serverName",
      label: "Server",
      kind: "text",
      hint: "Empty: the host's default server",
      showIf: { field: "type", equals: "pulseaudio" },
    },
  ],
};
