// <audio>: a host-side audio backend that sound devices (and displays) play through, named by id.
import { child, defineModel, int, text, yesNo } from "../core";

/** The backends libvirt 9.0 knows. */
export const audioTypes = ["none", "alsa", "coreaudio", "jack", "oss", "pulseaudio", "sdl", "spice", "file", "dbus"] as const;
export type AudioType = (typeof audioTypes)[number];

export const audioFormats = ["s8", "u8", "s16", "u16", "s32", "u32", "f32"] as const;

/** One direction of a backend: <input> (recording) or <output> (playback). */
export class AudioStream extends defineModel("AudioStream", "output", {
  mixingEngine: yesNo("./@mixingEngine"),
  fixedSettings: yesNo("./@fixedSettings"),
  voices: int("./@voices"),
  bufferLength: int("./@bufferLength"),
  /** alsa, oss: the host device. */
  dev: text("./@dev"),
  /** oss, sdl, coreaudio. */
  bufferCount: int("./@bufferCount"),
  tryPoll: yesNo("./@tryPoll"),
  /** jack. */
  serverName: text("./@serverName"),
  clientName: text("./@clientName"),
  connectPorts: text("./@connectPorts"),
  exactName: yesNo("./@exactName"),
  /** pulseaudio. */
  name: text("./@name"),
  streamName: text("./@streamName"),
  latency: int("./@latency"),
  frequency: int("./settings/@frequency"),
  channels: int("./settings/@channels"),
  format: text<(typeof audioFormats)[number]>("./settings/@format"),
}) {}

/** Attributes that belong to one backend only; they go when the type changes. */
const backendAttributes = ["timerPeriod", "driver", "path", "serverName", "tryMMap", "exclusive", "dspPolicy"] as const;
const streamBackendAttributes = [
  "dev",
  "bufferCount",
  "tryPoll",
  "serverName",
  "clientName",
  "connectPorts",
  "exactName",
  "name",
  "streamName",
  "latency",
] as const;

export class Audio extends defineModel("Audio", "audio", {
  id: int("./@id"),
  type: text<AudioType>("./@type"),
  timerPeriod: int("./@timerPeriod"),
  /** sdl: its own audio driver. */
  driver: text<"esd" | "alsa" | "arts" | "pulseaudio">("./@driver"),
  /** file: the WAV file the guest's output is written to. */
  path: text("./@path"),
  /** pulseaudio: the server's socket or address. */
  serverName: text("./@serverName"),
  tryMMap: yesNo("./@tryMMap"),
  exclusive: yesNo("./@exclusive"),
  dspPolicy: int("./@dspPolicy"),
  input: child(() => AudioStream, "./input"),
  output: child(() => AudioStream, "./output"),
}) {
  static readonly types = audioTypes;
  /** What the console makes when asked for audio without a choice: no host sound at all. */
  static readonly defaults = { type: "none" } as const satisfies { type: AudioType };

  /** Switches the backend, dropping what only the old one understood (an ALSA device, a PulseAudio server). */
  setType(type: AudioType): void {
    if (this.type === type) return;
    for (const key of backendAttributes) this[key] = undefined;
    for (const stream of [this.input, this.output]) {
      for (const key of streamBackendAttributes) stream[key] = undefined;
      // An <input/> or <output/> left with nothing in it says nothing.
      const element = stream.xmlElement(false);
      if (element && element.attributes.length === 0 && !element.firstChild) stream.removeFromParent();
    }
    this.type = type;
  }
}
