import type { HardwareGoldenCase } from "./types";

export const soundCases: HardwareGoldenCase[] = [
  {
    name: "sound-add",
    what: "adds an HDA (ICH9) and a USB audio device",
    family: "sound",
    input: "domain-kernel-in.xml",
    ops: [{ add: { model: "ich9" } }, { add: { model: "usb" } }],
  },
  {
    name: "sound-edit-remove",
    what: "changes the ICH9 device to AC97 (its codec and address go), adds an ICH6 and removes the first",
    family: "sound",
    input: "domain-full-in.xml",
    ops: [{ edit: 0, values: { model: "ac97" } }, { add: { model: "ich6" } }, { remove: 0 }],
  },
];
