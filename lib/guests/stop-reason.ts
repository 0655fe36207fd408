// Shared by server and browser: why a guest is paused or crashed (as message keys), and what the console can
// tell about it (libvirt's disk errors, QEMU's last log lines).
import type { GuestState } from "./types";

/** libvirt's reason words (as the inventory reports them, e.g. "ioerror") for a paused guest, by message key. */
const pausedReasons = {
  unknown: "unknown",
  user: "user",
  migration: "migration",
  save: "save",
  dump: "dump",
  ioerror: "ioerror",
  watchdog: "watchdog",
  "from snapshot": "fromSnapshot",
  "shutting down": "shuttingDown",
  snapshot: "snapshot",
  crashed: "crashed",
  "starting up": "startingUp",
  postcopy: "postcopy",
  "postcopy failed": "postcopyFailed",
  "api error": "apiError",
} as const;

const crashedReasons = { panicked: "panicked", unknown: "unknown" } as const;

/** Reasons that mean something went wrong (as opposed to a pause someone asked for). */
const troubled = new Set(["unknown", "ioerror", "watchdog", "crashed", "postcopy failed", "api error", "panicked"]);

/**
 * Why the guest is paused or crashed, as a key of messages' "stopReason" (the sentences live there, so server
 * and browser say it in the person's language); a reason libvirt adds later keeps its word. Null for other states.
 */
export type StopReason =
  | {
      key:
        `paused.${(typeof pausedReasons)[keyof typeof pausedReasons]}` | `crashed.${(typeof crashedReasons)[keyof typeof crashedReasons]}`;
    }
  | { key: "pausedOther" | "crashedOther"; reason: string };

const own = <T extends object>(table: T, reason: string): T[keyof T] | undefined =>
  Object.hasOwn(table, reason) ? table[reason as keyof T] : undefined;

export function stopReason(state: GuestState, reason: string): StopReason | null {
  if (state === "paused") {
    const key = own(pausedReasons, reason);
    return key ? { key: `paused.${key}` } : { key: "pausedOther", reason };
  }
  if (state === "crashed") {
    const key = own(crashedReasons, reason);
    return key ? { key: `crashed.${key}` } : { key: "crashedOther", reason };
  }
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
