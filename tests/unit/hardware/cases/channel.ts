import type { HardwareGoldenCase } from "./types";

const base = {
  path: "",
  mode: "bind",
  host: "",
  service: null,
  targetType: "virtio",
  name: "org.qemu.guest_agent.0",
  customName: "",
  fwdAddress: "",
  fwdPort: null,
};

export const channelCases: HardwareGoldenCase[] = [
  {
    name: "channel-add",
    what: "adds the guest agent channel, the SPICE agent channel, a custom-named pty channel and a guestfwd to a TCP service",
    family: "channel",
    input: "domain-kernel-in.xml",
    ops: [
      { add: { ...base, type: "unix" } },
      { add: { ...base, type: "spicevmc", name: "com.redhat.spice.0" } },
      { add: { ...base, type: "pty", name: "custom", customName: "org.example.agent.0" } },
      {
        add: {
          ...base,
          type: "tcp",
          mode: "connect",
          host: "127.0.0.1",
          service: 4600,
          targetType: "guestfwd",
          fwdAddress: "10.0.2.100",
          fwdPort: 4600,
        },
      },
    ],
  },
  {
    name: "channel-edit-remove",
    what: "renames the guest agent channel and gives it a socket path, then removes the SPICE channel",
    family: "channel",
    input: "domain-full-in.xml",
    ops: [
      { edit: 0, values: { ...base, type: "unix", path: "/run/vc-agent.sock", name: "custom", customName: "org.example.agent.1" } },
      { remove: 1 },
    ],
  },
  {
    name: "channel-vdagent",
    what: "adds QEMU's vdagent with the clipboard shared (VNC clients' clipboard), then turns the clipboard off and the pointer to relative",
    family: "channel",
    input: "domain-kernel-in.xml",
    ops: [
      { add: { ...base, type: "qemu-vdagent", name: "com.redhat.spice.0", clipboard: true, mouseMode: "client" } },
      { edit: 0, values: { ...base, type: "qemu-vdagent", name: "com.redhat.spice.0", clipboard: false, mouseMode: "server" } },
    ],
  },
];
