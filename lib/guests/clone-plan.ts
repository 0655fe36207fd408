// What the clone dialog shows before anything is copied (shared by server and browser; pure).

export type CloneDiskPlan = {
  target: string;
  device: string;
  /** Host path (or pool/volume) the original reads. */
  source: string | null;
  readonly: boolean;
  /** Where a copy would go: the original's pool and volume, with its format and sizes. */
  pool: string | null;
  volume: string | null;
  format: string | null;
  capacityBytes: number | null;
  allocationBytes: number | null;
  /** Why the disk can only be shared (a key of messages' guestDialogs.clone.refusal); null when it can be copied. */
  copyRefusal: CopyRefusal | null;
  defaultAction: "copy" | "share";
};

/** Why a disk is shared rather than copied: a message key, and the image format QEMU locks (pausedLocked). */
export const copyRefusalKeys = ["removable", "readOnly", "networkDisk", "notInPool", "pausedLocked"] as const;
export type CopyRefusal = { key: (typeof copyRefusalKeys)[number]; format?: string };

export type ClonePlan = {
  name: string;
  state: string;
  /** Why the guest cannot be cloned now (running); null when it can. */
  /** Why the guest cannot be cloned now (a key of messages' apiErrors, said by the dialog); null when it can. */
  refusal: "cloneWhileWriting" | null;
  proposedName: string;
  disks: CloneDiskPlan[];
  /** The UEFI variables file that is copied with the guest, if it has one. */
  nvram: string | null;
};

/** "web1" → "web1-clone", then "web1-clone-2"… until a name no guest on the host has. */
export function proposeCloneName(original: string, taken: ReadonlySet<string>): string {
  const base = `${original}-clone`.slice(0, 64);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const name = `${base.slice(0, 60)}-${n}`;
    if (!taken.has(name)) return name;
  }
}

/**
 * The copy's volume name: the original's name with the guest's name replaced by the clone's
 * ("web1.qcow2" → "web1-clone.qcow2"), else the clone's name with the original's extension.
 */
export function proposeVolumeName(
  volume: string,
  originalGuest: string,
  cloneName: string,
  taken: ReadonlySet<string> = new Set(),
): string {
  const ext = /\.[A-Za-z0-9]{1,8}$/.exec(volume)?.[0] ?? "";
  const first = volume.includes(originalGuest) ? volume.replace(originalGuest, cloneName) : `${cloneName}${ext}`;
  if (!taken.has(first)) return first;
  const stem = first.slice(0, first.length - ext.length);
  for (let n = 2; ; n++) {
    const name = `${stem}-${n}${ext}`;
    if (!taken.has(name)) return name;
  }
}

/** Proposals for every disk at once, so two disks in one pool never get the same new name. */
export function proposeCopyNames(
  disks: readonly { pool: string | null; volume: string | null }[],
  originalGuest: string,
  cloneName: string,
): (string | null)[] {
  const taken = new Map<string, Set<string>>();
  return disks.map((d) => {
    if (!d.pool || !d.volume) return null;
    const inPool = taken.get(d.pool) ?? new Set<string>();
    taken.set(d.pool, inPool);
    const name = proposeVolumeName(d.volume, originalGuest, cloneName, inPool);
    inPool.add(name);
    return name;
  });
}
