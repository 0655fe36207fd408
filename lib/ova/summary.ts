import type { Unmapped } from "./ovf";

/** What the wizard learns of a received appliance: it prefills the steps and shows the unmapped list. */
export type OvaSummary = {
  /** The received appliance's id, sent back with Finish (install.upload). */
  upload: string;
  name: string;
  /** The appliance's name as a guest name the console accepts (spaces and other characters replaced). */
  guestName: string;
  vcpus: number;
  memoryMiB: number;
  firmware: "bios" | "uefi" | null;
  /** osinfo short id, when the OVF's OS maps to one. */
  os: string | null;
  nics: number;
  nicModel: "virtio" | "e1000e" | null;
  disks: { file: string; format: string; virtualBytes: number }[];
  unmapped: Unmapped[];
};

/** A name the console accepts for the guest, made from the appliance's (which may hold spaces and more). */
export const guestNameFrom = (name: string) =>
  name
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "")
    .slice(0, 60) || "appliance";
