// Shared by server and browser: the image library of a host (issue 21, cloud images).
import type { VolumeUser } from "@/lib/storage/types";

/** Where an import is, as its job's `detail` says: the bar of each phase counts bytes. */
export const importPhases = ["receiving", "converting", "copying"] as const;
export type ImportPhase = (typeof importPhases)[number];
export type ImportDetail = { phase: ImportPhase };

export type ImageRow = {
  id: string;
  hostId: string;
  pool: string;
  volume: string;
  /** The uploaded file's name or the URL it came from. */
  source: string;
  sourceKind: "upload" | "url";
  /** The format that arrived (vmdk, vhdx, …) and the one on the host (qcow2 or raw). */
  sourceFormat: string;
  format: string;
  sha256: string;
  virtualBytes: number;
  os: { id: string; name: string } | null;
  createdBy: string;
  createdAt: string;
  /** False when the volume was removed outside the console: the row can only be forgotten. */
  present: boolean;
  usedBy: VolumeUser[];
};

/** OVA archives carry a whole appliance (OVF + disks): the wizard's OVA import reads them, not the library. */
export const isOvaName = (name: string) => /\.ova$/i.test(name.replace(/[?#].*$/, ""));
