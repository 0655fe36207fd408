import type { HardwareGoldenCase } from "./types";

// The kinds the hardware tab gained with the models of libvirt's corpus: vsock, audio backends, memory devices.
export const newKindCases: HardwareGoldenCase[] = [
  {
    name: "vsock-add-edit",
    what: "adds a vsock with a CID libvirt picks, then fixes the CID at 42",
    family: "vsock",
    input: "domain-kernel-in.xml",
    ops: [{ add: { cid: "auto", address: null } }, { edit: 0, values: { cid: "fixed", address: 42 } }],
  },
  {
    name: "vsock-auto-remove",
    what: "makes a fixed CID automatic (the address goes), then removes the device",
    family: "vsock",
    input: "domain-devices-in.xml",
    ops: [{ edit: 0, values: { cid: "auto", address: null } }, { remove: 0 }],
  },
  {
    name: "audio-add-edit-remove",
    what: "adds a WAV file and a PulseAudio backend (ids 2 and 3), makes the file one PulseAudio with a server, removes the other",
    family: "audio",
    input: "domain-full-in.xml",
    ops: [
      { add: { type: "file", path: "/var/lib/libvirt/qemu/vc-hw-audio.wav" } },
      { add: { type: "pulseaudio" } },
      { edit: 1, values: { type: "pulseaudio", serverName: "unix:/run/pulse/native" } },
      { remove: 2 },
    ],
  },
  {
    name: "audio-backend-switch",
    what: "switches an OSS backend with device settings to SPICE: its devices, buffers and polling go, the mixing settings stay",
    family: "audio",
    input: "domain-devices-in.xml",
    ops: [{ edit: 4, values: { type: "spice" } }],
  },
  {
    name: "memory-add-edit-remove",
    what: "adds a 256 MiB DIMM, asks virtio-mem for 1 GiB, moves the DIMM's size and removes the NVDIMM",
    family: "memory",
    input: "domain-devices-in.xml",
    ops: [
      { add: { model: "dimm", sizeMiB: 256, node: 0 } },
      { edit: 3, values: { model: "virtio-mem", sizeMiB: 1024, node: 0, requestedMiB: 1024 } },
      { edit: 0, values: { model: "dimm", sizeMiB: 512, node: 0 } },
      { remove: 1 },
    ],
  },
  {
    name: "memory-pmem",
    what: "adds a virtio-pmem and an NVDIMM backed by host files (shared access, no NUMA cell for virtio-pmem)",
    family: "memory",
    input: "domain-devices-in.xml",
    ops: [
      { add: { model: "virtio-pmem", sizeMiB: 128, path: "/var/lib/libvirt/images/vc-hw-pmem.img" } },
      { add: { model: "nvdimm", sizeMiB: 128, node: 0, path: "/var/lib/libvirt/images/vc-hw-nvdimm.img" } },
    ],
  },
];
