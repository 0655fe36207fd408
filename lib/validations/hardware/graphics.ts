import { z } from "zod";
import { said } from "../messages";
import type { DeviceForm } from "@/lib/guests/hardware/types";
import { hostOrAddress, optionalInt, options } from "./common";

export const graphicsTypes = ["vnc", "spice"] as const;
export const listenAddresses = ["127.0.0.1", "0.0.0.0", "custom"] as const;
export const imageCompressions = ["", "auto_glz", "auto_lz", "quic", "glz", "lz", "off"] as const;

export const graphicsSchema = z
  .object({
    type: z.enum(graphicsTypes, { message: said("pickVncOrSpice") }),
    listen: z.enum(["address", "none"]).default("address"),
    address: z.enum(listenAddresses).default("127.0.0.1"),
    customAddress: z.union([z.literal(""), hostOrAddress]).default(""),
    portMode: z.enum(["auto", "fixed"]).default("auto"),
    // Only used with portMode fixed; an automatic port reads as null.
    port: optionalInt(-1, 65535, said("displayPort")).default(null),
    // The real password never leaves the server: "keep" stands for the one the guest has.
    passwordMode: z.enum(["none", "keep", "set"]).default("none"),
    password: z
      .string()
      .max(64, said("atMostChars"))
      .regex(/^[^\n\0]*$/, said("oneLine"))
      .default(""),
    keymap: z
      .string()
      .trim()
      .regex(/^([a-z]{2}(-[a-z]{2,})*)?$/, said("keymap"))
      .default(""),
    imageCompression: z.enum(imageCompressions).default(""),
  })
  .superRefine((v, ctx) => {
    if (v.listen === "address" && v.address === "custom" && !v.customAddress)
      ctx.addIssue({ code: "custom", path: ["customAddress"], message: said("enterListenAddress") });
    if (v.portMode === "fixed" && (v.port === null || v.port < 5900))
      ctx.addIssue({ code: "custom", path: ["port"], message: said("displayPort") });
    if (v.passwordMode === "set" && !v.password) ctx.addIssue({ code: "custom", path: ["password"], message: said("enterThePassword") });
    // VNC authentication uses only the first 8 characters; a longer one would give a false sense of safety.
    if (v.passwordMode === "set" && v.type === "vnc" && v.password.length > 8)
      ctx.addIssue({ code: "custom", path: ["password"], message: said("vncPasswordLength") });
  });
export type GraphicsValues = z.infer<typeof graphicsSchema>;

export const graphicsForm: DeviceForm = {
  family: "graphics",
  addable: true,
  defaults: {
    type: "spice",
    listen: "address",
    address: "127.0.0.1",
    customAddress: "",
    portMode: "auto",
    port: null,
    passwordMode: "none",
    password: "",
    keymap: "",
    imageCompression: "",
  },
  fields: [
    {
      name: "type",
      label: "type",
      kind: "select",
      addOnly: true,
      options: options(graphicsTypes, { vnc: "vncServer", spice: "spiceServer" }),
    },
    { name: "listen", label: "listenType", kind: "select", options: options(["address", "none"], { address: "address", none: "none" }) },
    {
      name: "address",
      label: "address",
      kind: "select",
      showIf: { field: "listen", equals: "address" },
      options: options(listenAddresses, { "127.0.0.1": "localhostOnly", "0.0.0.0": "allInterfaces", custom: "otherAddress" }),
    },
    { name: "customAddress", label: "listenAddress", kind: "text", showIf: { field: "address", equals: "custom" } },
    {
      name: "portMode",
      label: "port",
      kind: "select",
      showIf: { field: "listen", equals: "address" },
      options: options(["auto", "fixed"], { auto: "auto", fixed: "fixed" }),
    },
    { name: "port", label: "portNumber", kind: "number", showIf: { field: "portMode", equals: "fixed" } },
    {
      name: "passwordMode",
      label: "password",
      kind: "secret",
      secretValue: "password",
      hint: "vncUsesAtMost8",
      live: true,
    },
    { name: "keymap", label: "keymap", kind: "text", hint: "emptyTheClientSLayout" },
    {
      name: "imageCompression",
      label: "imageCompression",
      kind: "select",
      showIf: { field: "type", equals: "spice" },
      options: options(imageCompressions),
    },
  ],
};
