/**
 * Snapshots a schedule takes are named after it and the slot they were taken for
 * (`auto-<schedule>-<YYYYMMDD-HHMM>` in UTC), so its retention only ever counts and removes its own:
 * snapshots people took by hand, or other schedules took, are never pruned.
 */
export function scheduledSnapshotPrefix(scheduleId: string): string {
  return `auto-${scheduleId.slice(0, 8)}-`;
}

export function scheduledSnapshotName(scheduleId: string, slot: number): string {
  const iso = new Date(slot).toISOString(); // 2027-01-01T03:00:00.000Z
  return `${scheduledSnapshotPrefix(scheduleId)}${iso.slice(0, 10).replaceAll("-", "")}-${iso.slice(11, 16).replace(":", "")}`;
}

/** Keep the last N: of this schedule's snapshots, the ones to delete (oldest first), leaving the newest `keep`. */
export function snapshotsToPrune(snapshots: readonly { name: string; createdAt: number }[], scheduleId: string, keep: number): string[] {
  const prefix = scheduledSnapshotPrefix(scheduleId);
  const own = snapshots.filter((s) => s.name.startsWith(prefix)).sort((a, b) => b.createdAt - a.createdAt || b.name.localeCompare(a.name));
  return own
    .slice(Math.max(0, keep))
    .reverse()
    .map((s) => s.name);
}
