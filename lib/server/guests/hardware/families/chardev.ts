import "server-only";
import { phrases, say, type Phrase } from "@/lib/guests/hardware/device-words";
import type { CharSourceValues, CharType } from "@/lib/validations/hardware/chardev";
import type { Channel, Console, Parallel, Serial } from "@/lib/xml";
import { changed, known } from "./shared-codec";

type CharDevice = Serial | Parallel | Console | Channel;

/** The chardev source as form values; `types` are the family's, others read as pty (and are kept, see writeSource). */
export function charSourceValues<T extends CharType>(d: CharDevice, types: readonly ["pty", ...T[]]): CharSourceValues<T | "pty"> {
  return {
    type: known<T | "pty">(types, d.type, "pty"),
    path: d.sourcePath ?? "",
    // Only unix and tcp offer a mode (udp's is always connect); others read as the form's default.
    mode: (d.type === "unix" || d.type === "tcp") && d.sourceMode === "connect" ? "connect" : "bind",
    host: d.sourceHost ?? "",
    service: d.sourceService && /^\d+$/.test(d.sourceService) ? Number(d.sourceService) : null,
  };
}

export function writeCharSource(d: CharDevice, v: CharSourceValues): void {
  d.type = v.type;
  d.sourcePath = v.type === "file" || v.type === "unix" ? v.path || undefined : undefined;
  // udp names the remote end; its optional local bind end is not offered.
  d.sourceMode = v.type === "unix" || v.type === "tcp" ? v.mode : v.type === "udp" ? "connect" : undefined;
  d.sourceHost = v.type === "tcp" || v.type === "udp" ? v.host : undefined;
  d.sourceService = (v.type === "tcp" || v.type === "udp") && v.service !== null ? String(v.service) : undefined;
  // telnet framing only means something on TCP.
  if (v.type !== "tcp") d.protocolType = undefined;
}

/** Writes the source only when the form changed it, so a type the form cannot show (dev, pipe) survives. */
export function editCharSource(d: CharDevice, before: CharSourceValues, after: CharSourceValues): void {
  if (changed(before, after, "type", "path", "mode", "host", "service")) writeCharSource(d, after);
}

export function charSourceSummary(d: CharDevice): Phrase[] {
  const where = d.sourceHost !== undefined || d.sourceService !== undefined ? `${d.sourceHost ?? ""}:${d.sourceService ?? ""}` : null;
  switch (d.type) {
    case "file":
      return phrases(say("charFile", { path: d.sourcePath ?? "?" }));
    case "unix":
      return phrases(d.sourcePath ? say("charUnix", { path: d.sourcePath }) : say("charUnixByLibvirt"), d.sourceMode);
    case "tcp":
      return phrases(`TCP ${where ?? "?"}`, d.sourceMode ?? "connect", d.protocolType === "telnet" && "telnet");
    case "udp":
      return phrases(`UDP ${where ?? "?"}`);
    default:
      return phrases(d.type ?? "pty");
  }
}

/** A pty's /dev/pts path and the socket libvirt makes for a unix source without one are picked at start. */
export const charRuntimeFields = ["path"] as const;

/** virt-manager numbers ports from 1. */
export const portLabel = (d: CharDevice): number | undefined => (d.targetPort === undefined ? undefined : d.targetPort + 1);
