import type { HardwareGoldenCase } from "./types";

const base = { path: "", mode: "bind", host: "", service: null, targetType: "isa-serial" };

export const serialCases: HardwareGoldenCase[] = [
  {
    name: "serial-add",
    what: "adds a TCP server serial port, a file one on PCI and a UDP one",
    family: "serial",
    input: "domain-kernel-in.xml",
    ops: [
      { add: { ...base, type: "tcp", host: "127.0.0.1", service: 4556 } },
      { add: { ...base, type: "file", path: "/var/log/libvirt/qemu/serial2.log", targetType: "pci-serial" } },
      { add: { ...base, type: "udp", host: "127.0.0.1", service: 4557 } },
    ],
  },
  {
    name: "serial-edit-remove",
    what: "turns the telnet TCP port into a UNIX client socket on USB (keeping its log), then removes the first port",
    family: "serial",
    input: "domain-full-in.xml",
    ops: [
      { edit: 1, values: { ...base, type: "unix", path: "/run/vc-serial.sock", mode: "connect", targetType: "usb-serial" } },
      { remove: 0 },
    ],
  },
];
