import { attr, defineModel, flag, list, text } from "../core";
import { bootOrderField, deviceTail } from "./common";

export type DiskType = "file" | "block" | "volume" | "network" | "dir";

// libvirt 9.0's values; "default" is libvirt's own word for "the hypervisor decides".
const devices = ["disk", "cdrom", "floppy", "lun"] as const;
const buses = ["virtio", "sata", "scsi", "usb", "ide", "fdc", "xen"] as const;
const caches = ["default", "none", "writethrough", "writeback", "directsync", "unsafe"] as const;
const ioModes = ["default", "native", "threads", "io_uring"] as const;
const discards = ["default", "unmap", "ignore"] as const;
export type DiskDevice = (typeof devices)[number];
export type DiskBus = (typeof buses)[number];
/** The target name prefix libvirt gives each bus (vda, sda, hda, fda). */
const targetPrefixes: Record<DiskBus, string> = { virtio: "vd", sata: "sd", scsi: "sd", usb: "sd", ide: "hd", fdc: "fd", xen: "xvd" };

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
  driverCache: attr<(typeof caches)[number]>("./driver", "cache"),
  driverIo: attr<(typeof ioModes)[number]>("./driver", "io"),
  driverDiscard: attr<(typeof discards)[number]>("./driver", "discard"),
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
  static readonly devices = devices;
  static readonly buses = buses;
  static readonly caches = caches;
  static readonly ioModes = ioModes;
  static readonly discards = discards;
  static readonly targetPrefixes = targetPrefixes;
  /** A new disk: virtio; a floppy sits on the floppy controller. */
  static defaultBus(device: DiskDevice): "fdc" | "virtio" {
    return device === "floppy" ? "fdc" : "virtio";
  }

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
