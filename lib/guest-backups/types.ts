// What the Backups section of the guest page shows (shared by the API and the components).
import type { ErrorWords } from "@/lib/jobs/types";
import type { VerifyNote } from "./verify-notes";

export const backupKinds = ["full", "incremental"] as const;
export type BackupKind = (typeof backupKinds)[number];

/** How consistent a point's file systems are: frozen by the guest agent, as after a power cut, or taken while off. */
export type BackupConsistency = "frozen" | "crash-consistent" | "shut-off";

export type BackupPointDisk = { target: string; volume: string; format: string; capacityBytes: number };

export type BackupPointView = ErrorWords & {
  id: string;
  pool: string;
  kind: BackupKind;
  parentId: string | null;
  status: "running" | "done" | "failed";
  error: string | null;
  disks: BackupPointDisk[];
  sizeBytes: number;
  durationMs: number;
  consistency: BackupConsistency;
  /** The next incremental can start here. */
  hasCheckpoint: boolean;
  verified: "ok" | "failed" | null;
  /** What reading it back found, in English (logs, older rows, libvirt's text); the words when the console said it. */
  verifyNote: string | null;
  verifyWords?: VerifyNote;
  createdAt: number;
  /** While running: the backup job and its bytes done of total. */
  job: { id: string; done: number; total: number } | null;
};

/** A point as the pool's catalogue lists it: whose it is, too. */
export type PoolRestorePoint = BackupPointView & { guestUuid: string; guestName: string };

/** One disk of a restore point attached to a guest for file-level recovery (shown on that guest). */
export type RecoveryDiskView = {
  id: string;
  /** The disk's name in the guest it is attached to (vdb). */
  targetDev: string;
  /** Where it comes from: the guest the point belongs to, that guest's disk, and when the point was taken. */
  sourceGuest: string;
  sourceDisk: string;
  pointId: string;
  pointTakenAt: number;
  /** The overlay file the guest writes to (discarded on detach); the point's files are only read. */
  volume: string;
  pool: string;
  attachedAt: number;
};

/**
 * A backup that needs a person's eye, for the dashboard: a guest whose newest restore point failed, or a
 * backup schedule whose last run failed or whose run is overdue (it came due and no instance ran it).
 */
export type BackupProblem =
  | ({ kind: "failed"; hostId: string; uuid: string; guestName: string; error: string; at: number } & ErrorWords)
  | ({
      kind: "schedule-failed" | "schedule-missed";
      scheduleId: string;
      label: string;
      /** The guest it backs up, when it is one guest (a tag's schedule links to the Schedules page only). */
      guest: { hostId: string; uuid: string } | null;
      error: string | null;
      at: number;
    } & ErrorWords);
