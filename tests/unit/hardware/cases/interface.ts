import type { HardwareGoldenCase } from "./types";

const base = {
  bridge: "",
  device: "",
  directMode: "bridge",
  linkState: "up",
  inboundAverage: null,
  inboundPeak: null,
  inboundBurst: null,
  outboundAverage: null,
  outboundPeak: null,
  outboundBurst: null,
};

export const interfaceCases: HardwareGoldenCase[] = [
  {
    name: "interface-add",
    what: "adds a NIC on the default network with a fixed MAC and limits, and a macvtap NIC with the link down",
    family: "interface",
    input: "domain-kernel-in.xml",
    ops: [
      {
        add: {
          ...base,
          source: "network",
          network: "default",
          model: "virtio",
          mac: "52:54:00:AB:CD:EF",
          inboundAverage: 1000,
          inboundPeak: 2000,
          outboundAverage: 500,
          outboundBurst: 256,
        },
      },
      {
        add: {
          ...base,
          source: "direct",
          network: "",
          device: "eth0",
          directMode: "vepa",
          model: "e1000e",
          mac: "52:54:00:12:34:56",
          linkState: "down",
        },
      },
    ],
  },
  {
    name: "interface-edit",
    what: "moves a network NIC (portgroup, limits) to a bridge with the link down, and changes only the model of a usermode NIC",
    family: "interface",
    input: "domain-full-in.xml",
    ops: [
      {
        edit: 0,
        values: {
          ...base,
          source: "bridge",
          network: "default",
          bridge: "br1",
          model: "virtio",
          mac: "52:54:00:aa:00:01",
          linkState: "down",
          inboundAverage: 1000,
        },
      },
      { edit: 3, values: { ...base, source: "user", network: "", model: "e1000", mac: "" } },
    ],
  },
  {
    name: "interface-remove",
    what: "removes the macvtap NIC",
    family: "interface",
    input: "domain-full-in.xml",
    ops: [{ remove: 2 }],
  },
];
