import { z } from "zod";
import { said } from "../messages";
import type { DeviceForm } from "@/lib/guests/hardware/types";
import { Channel } from "@/lib/xml/devices/chardev";
import { channelSourceTypes, charSourceDefaults, charSourceFields, charSourceShape, checkCharSource } from "./chardev";
import { optionalInt, options } from "./common";

export const channelNames = [Channel.guestAgentName, Channel.spiceAgentName, "custom"] as const;

const ipv4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

export const channelSchema = z
  .object({
    ...charSourceShape(channelSourceTypes),
    // qemu-vdagent: QEMU's own SPICE agent end, for VNC clients' clipboard.
    clipboard: z.boolean().default(true),
    mouseMode: z.enum(["client", "server"]).default("client"),
    targetType: z.enum(Channel.targetTypes).default(Channel.defaults.targetType),
    name: z.enum(channelNames).default(Channel.defaults.targetName),
    customName: z
      .string()
      .trim()
      .max(64)
      .regex(/^[A-Za-z0-9._-]*$/, said("channelName"))
      .default(""),
    // guestfwd: the guest's TCP connections to this address and port reach the chardev.
    fwdAddress: z.union([z.literal(""), z.string().trim().regex(ipv4, said("ipv4Like"))]).default(""),
    fwdPort: optionalInt(1, 65535, said("portRange")).default(null),
  })
  .superRefine((v, ctx) => {
    checkCharSource(v, ctx, true);
    if (v.type === "qemu-vdagent" && v.targetType === "virtio" && v.name !== "com.redhat.spice.0")
      ctx.addIssue({ code: "custom", path: ["name"], message: said("vdagentSpice") });
    if (v.targetType === "virtio" && v.name === "custom" && !v.customName)
      ctx.addIssue({ code: "custom", path: ["customName"], message: said("nameChannel") });
    if (v.targetType === "guestfwd") {
      if (!v.fwdAddress) ctx.addIssue({ code: "custom", path: ["fwdAddress"], message: said("enterGuestAddress") });
      if (v.fwdPort === null) ctx.addIssue({ code: "custom", path: ["fwdPort"], message: said("enterGuestPort") });
      if (v.type === "spicevmc" || v.type === "qemu-vdagent")
        ctx.addIssue({ code: "custom", path: ["type"], message: said("guestfwdSource") });
    }
  });
export type ChannelValues = z.infer<typeof channelSchema>;

export const channelForm: DeviceForm = {
  family: "channel",
  addable: true,
  defaults: {
    ...charSourceDefaults,
    type: Channel.defaults.type,
    targetType: Channel.defaults.targetType,
    name: Channel.defaults.targetName,
    customName: "",
    fwdAddress: "",
    fwdPort: null,
    clipboard: true,
    mouseMode: "client",
  },
  fields: [
    {
      name: "targetType",
      label: "targetType",
      kind: "select",
      addOnly: true,
      options: options(Channel.targetTypes, { virtio: "virtioGuestSeesAPort", guestfwd: "guestForwardingUserNetworking" }),
    },
    {
      name: "name",
      label: "name",
      kind: "select",
      showIf: { field: "targetType", equals: "virtio" },
      options: options(channelNames, {
        [Channel.guestAgentName]: "qemuGuestAgent",
        [Channel.spiceAgentName]: "spiceAgent",
        custom: "otherName",
      }),
    },
    { name: "customName", label: "channelName", kind: "text", showIf: { field: "name", equals: "custom" } },
    { name: "fwdAddress", label: "guestAddress", kind: "text", showIf: { field: "targetType", equals: "guestfwd" } },
    { name: "fwdPort", label: "guestPort", kind: "number", showIf: { field: "targetType", equals: "guestfwd" } },
    ...charSourceFields(channelSourceTypes),
    {
      name: "clipboard",
      label: "shareTheClipboardWithVnc",
      kind: "checkbox",
      showIf: { field: "type", equals: "qemu-vdagent" },
    },
    {
      name: "mouseMode",
      label: "pointer",
      kind: "select",
      showIf: { field: "type", equals: "qemu-vdagent" },
      options: options(["client", "server"], { client: "absoluteThroughTheAgentClient", server: "relativeServer" }),
    },
  ],
};
