import { z } from "zod";
import { said } from "../messages";
import type { DeviceForm } from "@/lib/guests/hardware/types";
import { Disk, type DiskBus, type DiskDevice } from "@/lib/xml/devices/disk";
import { options } from "./common";

/** What the form offers; a SCSI LUN and the Xen bus are kept as defined. */
export const diskDevices = ["disk", "cdrom", "floppy"] as const satisfies readonly DiskDevice[];
export const diskBuses = ["virtio", "sata", "scsi", "usb", "ide", "fdc"] as const satisfies readonly DiskBus[];
// "other" stands for sources the form cannot build (a network disk, a pool/volume reference): kept as defined.
export const diskSources = ["new", "volume", "path", "none", "other"] as const;
/** Formats of a volume the form creates. */
const newFormats = ["qcow2", "raw"] as const;

const path = z
  .string()
  .trim()
  .max(4096)
  .regex(/^(\/[^\n\0'"<>&]*)?$/, said("diskPathExample"));

export const diskSchema = z
  .object({
    device: z.enum(diskDevices, { message: said("pickDeviceType") }),
    sourceKind: z.enum(diskSources, { message: said("pickDiskSource") }),
    newPool: z
      .string()
      .trim()
      .max(64)
      .regex(/^[^\s'"<>&/]*$/, said("poolName"))
      .default(""),
    newSizeGiB: z
      .preprocess(
        (v) => (v === "" || v === undefined ? null : v),
        z.coerce
          .number()
          .positive(said("sizeAboveZero"))
          .max(64 * 1024, said("atMost64TiB"))
          .nullable(),
      )
      .default(null),
    newFormat: z.enum(newFormats).default("qcow2"),
    volume: path.default(""),
    path: path.default(""),
    bus: z.enum(diskBuses, { message: said("pickBus") }),
    cache: z.enum(Disk.caches).default("default"),
    io: z.enum(Disk.ioModes).default("default"),
    discard: z.enum(Disk.discards).default("default"),
    readonly: z.boolean().default(false),
    shareable: z.boolean().default(false),
    serial: z
      .string()
      .trim()
      .max(20, said("atMostChars"))
      .regex(/^[A-Za-z0-9_.+-]*$/, said("diskSerialChars"))
      .default(""),
  })
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (v.sourceKind === "new" && !v.newPool) issue("newPool", said("pickNewVolumePool"));
    if (v.sourceKind === "new" && v.newSizeGiB === null) issue("newSizeGiB", said("enterNewVolumeSize"));
    if (v.sourceKind === "new" && v.device !== "disk") issue("sourceKind", said("mediaNeedsSource"));
    if (v.sourceKind === "volume" && !v.volume) issue("volume", said("pickVolume"));
    if (v.sourceKind === "path" && !v.path) issue("path", said("enterImagePath"));
    if (v.sourceKind === "none" && v.device === "disk") issue("sourceKind", said("diskNeedsSource"));
    if (v.bus === "fdc" && v.device !== "floppy") issue("bus", said("fdcFloppiesOnly"));
    if (v.device === "floppy" && v.bus !== "fdc") issue("bus", said("floppyOnFdc"));
  });
export type DiskValues = z.infer<typeof diskSchema>;

const source = (kind: string) => ({ field: "sourceKind", equals: kind });

export const diskForm: DeviceForm = {
  family: "disk",
  addable: true,
  defaults: {
    device: "disk",
    sourceKind: "new",
    newPool: "default",
    newSizeGiB: 10,
    newFormat: "qcow2",
    volume: "",
    path: "",
    bus: Disk.defaultBus("disk"),
    cache: "default",
    io: "default",
    discard: "default",
    readonly: false,
    shareable: false,
    serial: "",
  },
  fields: [
    {
      name: "device",
      label: "deviceType",
      kind: "select",
      addOnly: true,
      options: options(diskDevices),
    },
    {
      name: "sourceKind",
      label: "source",
      kind: "select",
      live: true,
      hint: "forACdRomOr",
      options: options(diskSources, {
        new: "createADiskImageNew",
        volume: "selectAVolume",
        path: "hostPath",
        none: "noneEmptyDrive",
        other: "asDefinedNetworkOrPool",
      }),
    },
    { name: "newPool", label: "pool", kind: "select", choices: "pools", showIf: source("new") },
    { name: "newSizeGiB", label: "size", kind: "number", unit: "GiB", showIf: source("new") },
    { name: "newFormat", label: "format", kind: "select", options: options(newFormats), showIf: source("new") },
    { name: "volume", label: "volume", kind: "select", choices: "volumes", showIf: source("volume") },
    { name: "path", label: "path", kind: "text", hint: "aFileOrBlockDevice", showIf: source("path") },
    {
      name: "bus",
      label: "busType",
      kind: "select",
      addOnly: true,
      hint: "onlyVirtioScsiAndUsb",
      options: options(diskBuses),
    },
    { name: "cache", label: "cacheMode", kind: "select", options: options(Disk.caches) },
    {
      name: "io",
      label: "ioMode",
      kind: "select",
      options: options(Disk.ioModes),
    },
    { name: "discard", label: "discardMode", kind: "select", options: options(Disk.discards) },
    { name: "readonly", label: "readonly", kind: "checkbox" },
    { name: "shareable", label: "shareable", kind: "checkbox" },
    { name: "serial", label: "serialNumber", kind: "text" },
  ],
};
