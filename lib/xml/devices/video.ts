import { attr, defineModel, intAttr, yesNo } from "../core";
import { deviceTail } from "./common";

const models = ["vga", "virtio", "qxl", "bochs", "ramfb", "cirrus", "vmvga", "none"] as const;
export type VideoModel = (typeof models)[number];

export class Video extends defineModel("Video", "video", {
  model: attr<VideoModel>("./model", "type"),
  vram: intAttr("./model", "vram"),
  ram: intAttr("./model", "ram"),
  vgamem: intAttr("./model", "vgamem"),
  heads: intAttr("./model", "heads"),
  primary: yesNo("./model/@primary"),
  accel3d: yesNo("./model/acceleration/@accel3d"),
  ...deviceTail,
}) {
  static readonly models = models;
  static readonly defaults = { model: "virtio" } as const;
}
