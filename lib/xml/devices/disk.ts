import { attr, defineModel, flag, list, text } from "../core";
import { bootOrderField, deviceTail } from "./common";

export type DiskType = "file" | "block" | "volume" | "network" | "dir";
export type DiskDevice = "disk" | "cdrom" | "floppy" | "lun";
export type DiskBus = "virtio" | "sata" | "scsi" | "ide" | "usb" | "fdc" | "xen";

/** A <host> of a network disk source (nbd, iscsi, rbd, http...). */
export class DiskSourceHost extends defineModel("DiskSourceHost", "host", {
  name: text("./@name"),
  port: text("./@port"),
  transport: text("./@transport"),
  socket: text("./@socket"),
}) {}

export class Disk extends defineModel("Disk", "disk", {
  type: text<DiskType>("./@type"),
  device: text<DiskDevice>("./@device"),
  driverName: attr("./driver", "name"),
  driverType: attr("./driver", "type"),
  driverCache: attr("./driver", "cache"),
  driverIo: attr("./driver", "io"),
  driverDiscard: attr<"unmap" | "ignore">("./driver", "discard"),
  sourceFile: attr("./source", "file"),
  sourceDev: attr("./source", "dev"),
  sourcePool: attr("./source", "pool"),
  sourceVolume: attr("./source", "volume"),
  sourceProtocol: attr("./source", "protocol"),
  sourceName: attr("./source", "name"),
  sourceHosts: list(() => DiskSourceHost, "./source/host"),
  startupPolicy: attr("./source", "startupPolicy"),
  targetDev: attr("./target", "dev"),
  targetBus: attr<DiskBus>("./target", "bus"),
  readonly: flag("./readonly"),
  shareable: flag("./shareable"),
  serial: text("./serial"),
  bootOrder: bootOrderField,
  ...deviceTail,
}) {
  /** The host path or name the disk reads from, whatever its source type. */
  get sourceDescription(): string | undefined {
    if (this.sourceFile ?? this.sourceDev) return this.sourceFile ?? this.sourceDev;
    if (this.sourcePool && this.sourceVolume) return `${this.sourcePool}/${this.sourceVolume}`;
    if (this.sourceProtocol) return `${this.sourceProtocol}:${this.sourceName ?? ""}`;
    return undefined;
  }

  /** Empties the source (an ejected CD-ROM keeps its <disk> but has no <source>). */
  clearSource(): void {
    this.sourceHosts.clear();
    for (const key of ["sourceFile", "sourceDev", "sourcePool", "sourceVolume", "sourceProtocol", "sourceName", "startupPolicy"] as const) {
      this[key] = undefined;
    }
  }
}
