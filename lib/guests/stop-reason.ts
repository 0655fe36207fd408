// Shared by server and browser: why a guest is paused or crashed, in words, and what the console can
// tell about it (libvirt's disk errors, QEMU's last log lines).
import type { GuestState } from "./types";

/** libvirt's reason words (as the inventory reports them, e.g. "ioerror") for a paused guest, explained. */
const pausedReasons: Record<string, string> = {
  unknown: "QEMU stopped the guest without telling libvirt why; its log may say",
  user: "paused by a person or a tool (Pause here, virsh suspend)",
  migration: "paused while it moves to another host",
  save: "paused while its memory is saved",
  dump: "paused while its memory is dumped",
  ioerror: "a disk reported an error (often its storage is full), so QEMU paused the guest rather than lose writes",
  watchdog: "its watchdog fired and the watchdog's action is to pause",
  "from snapshot": "reverted to a snapshot taken while paused",
  "shutting down": "paused while it shuts down",
  snapshot: "paused while a snapshot is taken",
  crashed: "the guest's kernel panicked, and the guest is kept paused for inspection",
  "starting up": "paused while it starts",
  postcopy: "running on the target host during a post-copy migration",
  "postcopy failed": "a post-copy migration failed; the guest cannot run here or there",
  "api error": "libvirt stopped the guest after an internal error",
};

const crashedReasons: Record<string, string> = {
  panicked: "the guest's kernel panicked",
  unknown: "QEMU ended unexpectedly; its log may say why",
};

/** Reasons that mean something went wrong (as opposed to a pause someone asked for). */
const troubled = new Set(["unknown", "ioerror", "watchdog", "crashed", "postcopy failed", "api error", "panicked"]);

/** A sentence on why the guest is paused or crashed, or null for other states. */
export function stopReasonText(state: GuestState, reason: string): string | null {
  if (state === "paused") return pausedReasons[reason] ?? `paused (${reason})`;
  if (state === "crashed") return crashedReasons[reason] ?? `crashed (${reason})`;
  return null;
}

/** Whether a paused or crashed guest is worth a look at QEMU's log. */
export const stoppedByTrouble = (state: GuestState, reason: string): boolean =>
  (state === "paused" || state === "crashed") && troubled.has(reason);

/** What the console can say about a troubled guest; only for people who may manage it. */
export type GuestTrouble = {
  /** Disks with an I/O error since the guest started, as libvirt reports them. */
  diskErrors: { disk: string; error: "no space left" | "I/O error" }[];
  /** The last lines of QEMU's log for the guest, or why they cannot be shown. */
  log: { lines: string[]; path: string } | { unavailable: string };
};
