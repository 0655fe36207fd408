// Shared by server and browser: what the snapshot list returns, the tree it draws, and which kinds
// of snapshot and which operations libvirt can do for a guest (pure, unit-tested). Why not is said by key
// (messages "snapshotWords" for the kinds, "apiErrors" for revert and delete), worded by the page.
import type { useTranslations } from "next-intl";
import type messages from "@/messages/en.json";

export const snapshotKinds = ["internal", "external-disk", "external-memory"] as const;
export type SnapshotKind = (typeof snapshotKinds)[number];

export type SnapshotView = {
  name: string;
  parent: string | null;
  description: string;
  /** The guest's state when it was taken: running, paused, shutoff, or disk-snapshot (disks only). */
  state: string;
  /** Epoch ms. */
  createdAt: number;
  current: boolean;
  /** Internal (inside the qcow2 files), external disk-only (overlay files), or external with memory. */
  kind: SnapshotKind;
  /** External overlay files by disk, and the memory file, so people can see where the data went. */
  files: string[];
  hasScreenshot: boolean;
};

type SnapshotWordKey = keyof (typeof messages)["snapshotWords"];
/** A sentence of "snapshotWords"; `items` (one phrase per disk) are worded and listed as its `disks`. */
export type SnapshotWords = { key: SnapshotWordKey; values?: Record<string, string>; items?: SnapshotWords[] };
export type Availability = { available: true } | { available: false; reason: SnapshotWords };
/** Why libvirt would refuse a revert or a delete: a key of messages "apiErrors" (the server refuses with it too). */
export type SnapshotRefusal =
  | { key: "revertExternalOld"; values: { version: string } }
  | { key: "deleteExternalWithParent" | "deleteExternalWithChildren" | "deleteExternalUnderInternal"; values?: undefined };

/** A translator over messages "snapshotWords" (next-intl's, on a page or on the server). */
type SnapshotWordsTranslator = ReturnType<typeof useTranslations<"snapshotWords">>;

/** A reason in the translator's words. */
export function snapshotReasonText(t: SnapshotWordsTranslator, words: SnapshotWords): string {
  const disks = words.items?.map((item) => snapshotReasonText(t, item)).join(t("listSeparator"));
  return t(words.key, disks === undefined ? words.values : { ...words.values, disks });
}

export type SnapshotListResponse = {
  snapshots: SnapshotView[];
  options: Record<SnapshotKind, Availability>;
  /** libvirt's version on the guest's host, as "9.0.0". */
  libvirtVersion: string;
  /** The snapshots the reader took (the only ones someone who may not manage the guest may revert to or delete). */
  yours: string[];
};

/** What decides which kinds are possible: the guest's state and its disks. */
export type SnapshotGuestFacts = {
  state: string;
  /**
   * Writable disks only (CD-ROMs and read-only disks are left out of snapshots). `file` is the file the
   * disk reads: its own, or the one a pool volume is (null for block devices, network storage, LVM…).
   */
  disks: { target: string; format: string | null; sourceType: string; file: string | null }[];
  /** UEFI variables in pflash: libvirt 9.0 refuses internal snapshots of such guests. */
  pflash: boolean;
};

const running = (state: string) => state === "running" || state === "paused";

/** Why a disk has no file an overlay could sit beside. */
const notAFile = (d: SnapshotGuestFacts["disks"][number]): SnapshotWords => ({
  key: "diskNotFile",
  values: { disk: d.target, type: d.sourceType },
});

export function snapshotOptions(facts: SnapshotGuestFacts): Record<SnapshotKind, Availability> {
  const notQcow2 = facts.disks.filter((d) => d.format !== "qcow2");
  const notFile = facts.disks.filter((d) => d.file === null);
  const internal: Availability =
    facts.disks.length === 0
      ? { available: false, reason: { key: "internalNoDisk" } }
      : notQcow2.length > 0
        ? {
            available: false,
            reason: {
              key: "internalNotQcow2",
              items: notQcow2.map((d) => ({ key: "diskFormat", values: { disk: d.target, format: d.format ?? "unknown" } })),
            },
          }
        : facts.pflash
          ? { available: false, reason: { key: "internalPflash" } }
          : { available: true };
  const externalDisk: Availability =
    facts.disks.length === 0
      ? { available: false, reason: { key: "externalNoDisk" } }
      : notFile.length > 0
        ? { available: false, reason: { key: "externalNotFile", items: notFile.map(notAFile) } }
        : { available: true };
  const externalMemory: Availability = !running(facts.state)
    ? { available: false, reason: { key: "memoryNotRunning" } }
    : externalDisk.available
      ? { available: true }
      : externalDisk;
  return { internal, "external-disk": externalDisk, "external-memory": externalMemory };
}

export type SnapshotTreeRow = SnapshotView & { depth: number; children: number };

/** Parents before their children, siblings oldest first; a snapshot whose parent is unknown is a root. */
export function snapshotTree(snapshots: readonly SnapshotView[]): SnapshotTreeRow[] {
  const names = new Set(snapshots.map((s) => s.name));
  const byParent = new Map<string | null, SnapshotView[]>();
  for (const s of snapshots) {
    const parent = s.parent !== null && names.has(s.parent) ? s.parent : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), s]);
  }
  const rows: SnapshotTreeRow[] = [];
  const visit = (parent: string | null, depth: number): void => {
    const kids = [...(byParent.get(parent) ?? [])].sort((a, b) => a.createdAt - b.createdAt || a.name.localeCompare(b.name));
    for (const s of kids) {
      rows.push({ ...s, depth, children: byParent.get(s.name)?.length ?? 0 });
      visit(s.name, depth + 1);
    }
  };
  visit(null, 0);
  return rows;
}

/** Every snapshot below `name`. */
export function descendants(snapshots: readonly SnapshotView[], name: string): SnapshotView[] {
  const out: SnapshotView[] = [];
  const walk = (parent: string): void => {
    for (const s of snapshots) {
      if (s.parent !== parent) continue;
      out.push(s);
      walk(s.name);
    }
  };
  walk(name);
  return out;
}

const isExternal = (s: SnapshotView) => s.kind !== "internal";

/** libvirt reverts to external snapshots only from 9.7 on. */
export function revertRefusal(snapshot: SnapshotView, libvirtVersion: string): SnapshotRefusal | null {
  const [major = 0, minor = 0] = libvirtVersion.split(".").map(Number);
  if (isExternal(snapshot) && (major < 9 || (major === 9 && minor < 7)))
    return { key: "revertExternalOld", values: { version: libvirtVersion } };
  return null;
}

/** The cases libvirt's QEMU driver refuses when deleting, said before asking it. */
export function deleteRefusal(snapshots: readonly SnapshotView[], name: string, withChildren: boolean): SnapshotRefusal | null {
  const snapshot = snapshots.find((s) => s.name === name);
  if (!snapshot) return null;
  const below = descendants(snapshots, name);
  if (withChildren && below.some(isExternal)) {
    return { key: "deleteExternalWithParent" };
  }
  if (!isExternal(snapshot)) return null;
  const children = snapshots.filter((s) => s.parent === name);
  if (children.length > 0) {
    return { key: "deleteExternalWithChildren" };
  }
  const parent = snapshots.find((s) => s.name === snapshot.parent);
  if (parent && !isExternal(parent)) {
    return { key: "deleteExternalUnderInternal" };
  }
  return null;
}

/**
 * What a revert loses and how the guest comes out of it (the browser words it in the reader's language):
 * its running state too when it runs now; "since" when the snapshot is the current one.
 */
export function revertLoss(
  snapshot: SnapshotView,
  guestState: string,
): { runningState: boolean; since: boolean; after: "running" | "paused" | "shutoff" } {
  return {
    runningState: running(guestState),
    since: snapshot.current,
    after: snapshot.state === "running" || snapshot.state === "paused" ? snapshot.state : "shutoff",
  };
}
