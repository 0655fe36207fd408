import "server-only";
import { describeAs, say, type DeviceWordKey } from "@/lib/guests/hardware/device-words";
import { audioBackends, type AudioValues } from "@/lib/validations/hardware/audio";
import { Audio, type Domain } from "@/lib/xml";
import { defineCodec } from "../codec";
import { changed, known, ownerOf } from "./shared-codec";

const labels: Record<string, DeviceWordKey> = { none: "audioNone", spice: "audioSpice", file: "audioFile" };

/** The sound devices that play through this backend: by its id, or the first backend when they name none. */
function users(a: Audio, dom: Domain | null): string[] {
  if (!dom) return [];
  const first = dom.devices.audios.at(0)?.id;
  return dom.devices.sounds.filter((s) => (s.audioId ?? first) === a.id).map((s) => s.model ?? "sound");
}

const valuesOf = (a: Audio): AudioValues => ({
  type: known(audioBackends, a.type, Audio.defaults.type),
  path: a.path ?? "",
  serverName: a.serverName ?? "",
});

function writeBackend(a: Audio, v: AudioValues): void {
  a.setType(v.type);
  a.path = v.type === "file" ? v.path : undefined;
  a.serverName = v.type === "pulseaudio" && v.serverName ? v.serverName : undefined;
}

export const audioCodec = defineCodec<Audio, AudioValues>({
  family: "audio",
  list: (dom) => dom.devices.audios,
  describe: (a) => {
    const dom = ownerOf(a);
    const played = users(a, dom);
    const only = dom !== null && dom.devices.audios.length === 1;
    const type = labels[a.type ?? ""];
    return describeAs(
      [say("audio"), a.id],
      [
        type ? say(type) : (a.type ?? "?"),
        a.path ?? a.serverName,
        played.length > 0 && say("audioPlays", { devices: played.join(", ") }),
        only && say("audioOnlyBackend"),
      ],
    );
  },
  values: valuesOf,
  create: (values, ctx) => {
    const ids = [ctx.saved, ctx.live].flatMap((d) => d?.devices.audios.map((a) => a.id ?? 0) ?? []);
    const a = new Audio({ id: Math.max(0, ...ids) + 1, type: values.type });
    writeBackend(a, values);
    return { device: a };
  },
  edit: (a, values) => {
    if (changed(valuesOf(a), values, "type", "path", "serverName")) writeBackend(a, values);
  },
  identity: (a) => (a.id === undefined ? undefined : String(a.id)),
  // A backend in use would leave its sound devices pointing nowhere; libvirt puts the last one back.
  removable: (a) => {
    const dom = ownerOf(a);
    return dom !== null && dom.devices.audios.length > 1 && users(a, dom).length === 0;
  },
  // libvirt cannot plug, unplug or change audio backends of a running guest.
  hotplug: { attach: false, detach: false, update: false },
});
