import "server-only";
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
    title: `Video ${v.model === "qxl" || v.model === "vga" ? v.model.toUpperCase() : (v.model ?? "default")}`,
    summary: [
      v.primary ? "primary" : null,
      v.heads ? `${v.heads} head${v.heads > 1 ? "s" : ""}` : null,
      v.vram ? `${v.vram / 1024} MiB VRAM` : null,
      v.accel3d ? "3D acceleration" : null,
    ]
      .filter(Boolean)
      .join(", "),
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
