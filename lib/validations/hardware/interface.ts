import { z } from "zod";
import { said } from "../messages";
import type { DeviceForm, FormField } from "@/lib/guests/hardware/types";
import { Interface } from "@/lib/xml/devices/interface";
import { macAddress, optionalInt, options } from "./common";

// "user" is virt-manager's Usermode networking; "other" stands for NIC types this form cannot build
// (ethernet, vhostuser, hostdev…): shown, kept as defined, never created.
export const nicSources = ["network", "bridge", "direct", "user", "other"] as const;
const bandwidthKeys = ["inbound", "outbound"] as const;

const name = z
  .string()
  .trim()
  .max(64)
  .regex(/^[^\s'"<>&/]*$/, said("noSpacesQuotesSlashes"));
const rate = optionalInt(1, 2 ** 32 - 1, said("wholeKiBsAtLeast1"));

export const interfaceSchema = z
  .object({
    source: z.enum(nicSources, { message: said("pickNicSource") }),
    network: name.default(""),
    bridge: name.default(""),
    device: name.default(""),
    directMode: z.enum(Interface.directModes).default("bridge"),
    model: z.enum(Interface.models, { message: said("pickDeviceModel") }),
    mac: macAddress.default(""),
    linkState: z.enum(["up", "down"]).default(Interface.defaults.linkState),
    inboundAverage: rate.default(null),
    inboundPeak: rate.default(null),
    inboundBurst: rate.default(null),
    outboundAverage: rate.default(null),
    outboundPeak: rate.default(null),
    outboundBurst: rate.default(null),
  })
  .superRefine((v, ctx) => {
    const need = { network: said("pickVirtualNetwork"), bridge: said("pickBridge"), direct: said("pickHostInterface") } as const;
    const field = { network: "network", bridge: "bridge", direct: "device" } as const;
    if (v.source in need) {
      const key = v.source as keyof typeof need;
      if (!v[field[key]]) ctx.addIssue({ code: "custom", path: [field[key]], message: need[key] });
    }
    // libvirt refuses peak or burst without the average they refine.
    for (const dir of bandwidthKeys) {
      if (v[`${dir}Average`] !== null) continue;
      for (const k of ["Peak", "Burst"] as const) {
        if (v[`${dir}${k}`] !== null) ctx.addIssue({ code: "custom", path: [`${dir}${k}`], message: said("setAverageRate") });
      }
    }
  });
export type InterfaceValues = z.infer<typeof interfaceSchema>;

const bandwidthFields: FormField[] = bandwidthKeys.flatMap((dir) =>
  (["Average", "Peak", "Burst"] as const).map((k) => ({
    name: `${dir}${k}`,
    label: `${dir}${k}` as const,
    kind: "number" as const,
    unit: k === "Burst" ? "KiB" : "KiB/s",
    hint: k === "Average" ? ("emptyForNoLimit" as const) : ("needsTheAverage" as const),
    live: true,
  })),
);

export const interfaceForm: DeviceForm = {
  family: "interface",
  addable: true,
  defaults: {
    source: "network",
    network: "default",
    bridge: "",
    device: "",
    directMode: "bridge",
    ...Interface.defaults,
    mac: "",
    inboundAverage: null,
    inboundPeak: null,
    inboundBurst: null,
    outboundAverage: null,
    outboundPeak: null,
    outboundBurst: null,
  },
  fields: [
    {
      name: "source",
      label: "networkSource",
      kind: "select",
      options: options(nicSources, {
        network: "virtualNetwork",
        bridge: "bridgeDevice",
        direct: "macvtapDevice",
        user: "usermodeNetworking",
        other: "otherKeptAsDefined",
      }),
    },
    { name: "network", label: "network", kind: "select", choices: "networks", showIf: { field: "source", equals: "network" } },
    { name: "bridge", label: "bridge", kind: "select", choices: "bridges", showIf: { field: "source", equals: "bridge" } },
    { name: "device", label: "hostInterface", kind: "select", choices: "hostInterfaces", showIf: { field: "source", equals: "direct" } },
    {
      name: "directMode",
      label: "sourceMode",
      kind: "select",
      showIf: { field: "source", equals: "direct" },
      hint: "inBridgeModeTheGuest",
      options: options(Interface.directModes, { bridge: "bridge", vepa: "vepa", private: "private", passthrough: "passthrough" }),
    },
    { name: "model", label: "deviceModel", kind: "select", options: options(Interface.models) },
    {
      name: "mac",
      label: "macAddress",
      kind: "text",
      hint: "emptyOneNoOtherGuest",
    },
    {
      name: "linkState",
      label: "linkState",
      kind: "select",
      options: options(["up", "down"], { up: "active", down: "disconnected" }),
      live: true,
    },
    ...bandwidthFields,
  ],
};
