import { attr, defineModel, intAttr, yesNo } from "../core";
import { deviceTail } from "./common";

export type VideoModel = "vga" | "cirrus" | "vmvga" | "qxl" | "virtio" | "bochs" | "ramfb" | "none";

export class Video extends defineModel("Video", "video", {
  model: attr<VideoModel>("./model", "type"),
  vram: intAttr("./model", "vram"),
  ram: intAttr("./model", "ram"),
  vgamem: intAttr("./model", "vgamem"),
  heads: intAttr("./model", "heads"),
  primary: yesNo("./model/@primary"),
  accel3d: yesNo("./model/acceleration/@accel3d"),
  ...deviceTail,
}) {}
