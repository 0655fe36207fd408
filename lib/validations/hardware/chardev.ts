// The character-device fields serial, parallel, console and channel share (libvirt's chardev grammar).
import { z } from "zod";
import { said } from "../messages";
import type { DeviceFieldKey, FormField } from "@/lib/guests/hardware/types";
import type { CharSourceType } from "@/lib/xml/devices/chardev";
import { hostOrAddress, hostPath, optionalInt, options } from "./common";

/** The source types the forms offer (stdio, dev, pipe, vc and spiceport are kept as defined). */
export const charTypes = [
  "pty",
  "file",
  "unix",
  "tcp",
  "udp",
  "spicevmc",
  "qemu-vdagent",
  "null",
] as const satisfies readonly CharSourceType[];
export type CharType = (typeof charTypes)[number];
/** Serial and parallel ports and consoles: everything but the SPICE agent's ends (spicevmc, qemu-vdagent). */
export const portSourceTypes = ["pty", "file", "unix", "tcp", "udp", "null"] as const satisfies readonly CharType[];
/** A socket's side: libvirt listens (bind) or connects. */
const charModes = ["bind", "connect"] as const;
/** Channels take every offered type. */
export const channelSourceTypes = charTypes;

const typeLabels: Record<CharType, DeviceFieldKey> = {
  pty: "pseudoTtyPty",
  file: "outputToAFile",
  unix: "unixSocket",
  tcp: "tcp",
  udp: "udp",
  spicevmc: "spiceAgentSpicevmc",
  "qemu-vdagent": "qemuVdagentClipboardForVnc",
  null: "nullDevice",
};

/** The zod shape of a chardev source; `types` is what the family allows. */
export function charSourceShape<T extends readonly [CharType, ...CharType[]]>(types: T) {
  return {
    type: z.enum(types, { message: said("pickDeviceType") }),
    path: z.union([z.literal(""), hostPath]).default(""),
    mode: z.enum(charModes).default("bind"),
    host: z.union([z.literal(""), hostOrAddress]).default(""),
    service: optionalInt(1, 65535, said("portRange")).default(null),
  };
}

export type CharSourceValues<T extends CharType = CharType> = {
  type: T;
  path: string;
  mode: "bind" | "connect";
  host: string;
  service: number | null;
};

/** What each type needs; `pathOptional` for channels, where libvirt makes the socket itself. */
export function checkCharSource(v: CharSourceValues, ctx: z.RefinementCtx, pathOptional = false): void {
  const need = (field: keyof CharSourceValues, message: string) => {
    if (v[field] === "" || v[field] === null) ctx.addIssue({ code: "custom", path: [field], message });
  };
  if (v.type === "file") need("path", said("enterFileToWrite"));
  if (v.type === "unix" && !pathOptional) need("path", said("enterSocketPath"));
  if (v.type === "tcp" || v.type === "udp") {
    need("host", said("enterHostOrAddress"));
    need("service", said("enterPort"));
  }
}

export function charSourceFields(types: readonly CharType[]): FormField[] {
  return [
    { name: "type", label: "deviceType", kind: "select", options: options(types, typeLabels) },
    { name: "path", label: "path", kind: "text", showIf: { field: "type", equals: ["file", "unix"] } },
    {
      name: "mode",
      label: "mode",
      kind: "select",
      showIf: { field: "type", equals: ["unix", "tcp"] },
      options: options(charModes, { bind: "serverModeBind", connect: "clientModeConnect" }),
    },
    { name: "host", label: "host", kind: "text", showIf: { field: "type", equals: ["tcp", "udp"] } },
    { name: "service", label: "port", kind: "number", showIf: { field: "type", equals: ["tcp", "udp"] } },
  ];
}

export const charSourceDefaults = { type: "pty", path: "", mode: "bind", host: "", service: null } as const;
