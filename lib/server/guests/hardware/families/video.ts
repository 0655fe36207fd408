import "server-only";
import { phrases, say } from "@/lib/guests/hardware/device-words";
import { videoModels, type VideoValues } from "@/lib/validations/hardware/video";
import { Video } from "@/lib/xml";
import { defineCodec } from "../codec";
import { changed, known, orUndefined } from "./shared-codec";

function valuesOf(v: Video): VideoValues {
  const model = known(videoModels, v.model, Video.defaults.model);
  return { model, heads: v.heads ?? null, vramKiB: model === "qxl" ? (v.vram ?? null) : null, accel3d: v.accel3d ?? false };
}

function write(video: Video, v: VideoValues): void {
  video.heads = v.model === "virtio" || v.model === "qxl" ? orUndefined(v.heads) : undefined;
  video.vram = v.model === "qxl" ? orUndefined(v.vramKiB) : undefined;
  video.accel3d = v.model === "virtio" && v.accel3d ? true : undefined;
}

export const videoCodec = defineCodec<Video, VideoValues>({
  family: "video",
  list: (dom) => dom.devices.videos,
  describe: (v) => ({
    title: phrases(say("video"), v.model === "qxl" || v.model === "vga" ? v.model.toUpperCase() : (v.model ?? say("videoDefault"))),
    summary: phrases(
      v.primary && say("primary"),
      !!v.heads && say("heads", { count: v.heads }),
      !!v.vram && say("vram", { size: v.vram / 1024 }),
      v.accel3d && say("accel3d"),
    ),
  }),
  values: valuesOf,
  create: (v) => {
    const video = new Video({ model: v.model });
    write(video, v);
    return { device: video };
  },
  edit: (video, v) => {
    const before = valuesOf(video);
    if (changed(before, v, "model")) {
      video.model = v.model;
      // Sizes belong to the old model (qxl's ram and vgamem mean nothing to virtio); libvirt fills new defaults.
      video.ram = undefined;
      video.vgamem = undefined;
      video.vram = undefined;
    }
    if (changed(before, v, "model", "heads", "vramKiB", "accel3d")) write(video, v);
  },
  // libvirt cannot plug, unplug or change video adapters of a running guest.
  hotplug: { attach: false, detach: false, update: false },
});
