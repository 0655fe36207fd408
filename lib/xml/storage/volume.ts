import { attr, defineModel, sizeBytes, text } from "../core";

/**
 * The qcow2 version every qcow2 volume the console makes asks for: version 3 ("compat 1.1"). libvirt 9 makes
 * version 2 unless told, and version 2 cannot hold the changed-block bitmaps incremental backups need.
 */
export const QCOW2_V3 = "1.1";

/** `compat` for a new volume of `format`: version 3 for qcow2, nothing for other formats. */
export const newVolumeCompat = (format: string | undefined) => (format === "qcow2" ? QCOW2_V3 : undefined);

/** A storage volume; a qcow2 overlay names its base in backingPath/backingFormat. */
export class StorageVolume extends defineModel("StorageVolume", "volume", {
  type: text<"file" | "block" | "dir" | "network" | "netdir" | "ploop">("./@type"),
  name: text("./name"),
  key: text("./key"),
  capacityBytes: sizeBytes("./capacity"),
  allocationBytes: sizeBytes("./allocation"),
  physicalBytes: sizeBytes("./physical"),
  targetPath: text("./target/path"),
  format: attr("./target/format", "type"),
  /** qcow2 only: "1.1" (version 3, which can hold changed-block bitmaps) or "0.10" (version 2, libvirt's default). */
  compat: text("./target/compat"),
  targetMode: text("./target/permissions/mode"),
  /** Seconds since the epoch with a fraction, as libvirt prints it ("1700000000.123456789"). */
  modifiedAt: text("./target/timestamps/mtime"),
  backingPath: text("./backingStore/path"),
  backingFormat: attr("./backingStore/format", "type"),
}) {}
