import type { HardwareGoldenCase } from "./types";

const base = {
  listen: "address",
  address: "127.0.0.1",
  customAddress: "",
  portMode: "auto",
  port: null,
  passwordMode: "none",
  password: "",
  keymap: "",
  imageCompression: "",
};

export const graphicsCases: HardwareGoldenCase[] = [
  {
    name: "graphics-add",
    what: "adds a SPICE display on a fixed port with a password, keymap and compression, and a VNC display that listens nowhere",
    family: "graphics",
    input: "domain-kernel-in.xml",
    ops: [
      {
        add: {
          ...base,
          type: "spice",
          address: "0.0.0.0",
          portMode: "fixed",
          port: 5950,
          passwordMode: "set",
          password: "s3cret-spice",
          keymap: "de-ch",
          imageCompression: "quic",
        },
      },
      { add: { ...base, type: "vnc", listen: "none" } },
    ],
  },
  {
    name: "graphics-edit",
    what: "moves the SPICE display to an automatic port on a custom address keeping the rest; sets a VNC password",
    family: "graphics",
    input: "domain-full-in.xml",
    ops: [
      {
        edit: 0,
        values: {
          ...base,
          type: "spice",
          address: "custom",
          customAddress: "192.168.122.1",
          keymap: "en-us",
          imageCompression: "auto_glz",
        },
      },
      { edit: 1, values: { ...base, type: "vnc", address: "0.0.0.0", passwordMode: "set", password: "vncpw" } },
      { edit: 1, values: { ...base, type: "vnc", address: "0.0.0.0", passwordMode: "keep" } },
    ],
  },
  {
    name: "graphics-remove",
    what: "removes the VNC display",
    family: "graphics",
    input: "domain-full-in.xml",
    ops: [{ remove: 1 }],
  },
];
