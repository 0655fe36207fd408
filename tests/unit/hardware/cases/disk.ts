import type { HardwareGoldenCase } from "./types";

const base = {
  newPool: "",
  newSizeGiB: null,
  newFormat: "qcow2",
  volume: "",
  cache: "default",
  io: "default",
  discard: "default",
  readonly: false,
  shareable: false,
  serial: "",
};

export const diskCases: HardwareGoldenCase[] = [
  {
    name: "disk-add-edit-remove",
    what: "adds a qcow2 VirtIO disk by path (vda–vdc are taken, so vdd), sets cache, discard and a serial, then removes the guest's first disk",
    family: "disk",
    input: "domain-full-in.xml",
    ops: [
      { add: { ...base, device: "disk", sourceKind: "path", path: "/var/lib/libvirt/images/data.qcow2", bus: "virtio" } },
      {
        edit: 6,
        values: {
          ...base,
          device: "disk",
          sourceKind: "path",
          path: "/var/lib/libvirt/images/data.qcow2",
          bus: "virtio",
          cache: "none",
          discard: "unmap",
          serial: "DATA-1",
        },
      },
      { remove: 0 },
    ],
  },
  {
    name: "disk-cdrom-media",
    what: "adds an empty IDE CD-ROM, inserts an ISO, then ejects it again",
    family: "disk",
    input: "domain-kernel-in.xml",
    ops: [
      { add: { ...base, device: "cdrom", sourceKind: "none", path: "", bus: "ide" } },
      {
        edit: 1,
        values: { ...base, device: "cdrom", sourceKind: "volume", volume: "/var/lib/libvirt/images/debian-12.iso", path: "", bus: "ide" },
      },
      { edit: 1, values: { ...base, device: "cdrom", sourceKind: "none", path: "", bus: "ide" } },
    ],
  },
  {
    name: "disk-scsi-block",
    what: "adds a SCSI disk on a host block device, which brings a virtio-scsi controller with it, and a floppy image",
    family: "disk",
    input: "domain-kernel-in.xml",
    ops: [
      { add: { ...base, device: "disk", sourceKind: "path", path: "/dev/vg0/data", bus: "scsi", io: "native", cache: "none" } },
      { add: { ...base, device: "floppy", sourceKind: "path", path: "/var/lib/libvirt/images/boot.img", bus: "fdc" } },
    ],
  },
];
