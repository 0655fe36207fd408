import type { HardwareGoldenCase } from "./types";

export const videoCases: HardwareGoldenCase[] = [
  {
    name: "video-add-edit",
    what: "adds a virtio adapter with 3D acceleration and two heads, then a QXL one with 32 MiB VRAM, then turns 3D off",
    family: "video",
    input: "domain-kernel-in.xml",
    ops: [
      { add: { model: "virtio", heads: 2, vramKiB: null, accel3d: true } },
      { add: { model: "qxl", heads: null, vramKiB: 32768, accel3d: false } },
      { edit: 0, values: { model: "virtio", heads: 2, vramKiB: null, accel3d: false } },
    ],
  },
  {
    name: "video-change-remove",
    what: "changes the QXL adapter to virtio (its QXL sizes go) and removes the second adapter",
    family: "video",
    input: "domain-full-in.xml",
    ops: [{ edit: 0, values: { model: "virtio", heads: 1, vramKiB: null, accel3d: false } }, { remove: 1 }],
  },
];
