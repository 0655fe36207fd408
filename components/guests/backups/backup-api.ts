import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/live-keys";
import type { BackupPointView, RecoveryDiskView } from "@/lib/guest-backups/types";
import type { SaveTargets } from "@/lib/guests/saved-state";
import type { JobView } from "@/lib/jobs/types";

export type GuestKey = { hostId: string; uuid: string };

const guestPath = (g: GuestKey) => `/api/hosts/${encodeURIComponent(g.hostId)}/guests/${g.uuid}`;
export const backupsPath = (g: GuestKey) => `${guestPath(g)}/backups`;
const pointPath = (g: GuestKey, id: string) => `${backupsPath(g)}/${id}`;
/** Under the guest's key, so whatever refreshes the guest refreshes its restore points too. */
export const backupsKey = (g: GuestKey) => [...queryKeys.guest(g.hostId, g.uuid), "backups"] as const;

export const listPoints = (g: GuestKey) => api<BackupPointView[]>(backupsPath(g));
/** The directory pools of the guest's host (the same the "Save to file" dialog offers). */
export const listTargets = (g: GuestKey) => api<SaveTargets>(`${guestPath(g)}/save`);
export const startBackup = (g: GuestKey, body: unknown) => api<JobView>(backupsPath(g), { body });
export const startRestore = (g: GuestKey, id: string, body: unknown) => api<JobView>(`${pointPath(g, id)}/restore`, { body });
export const startVerify = (g: GuestKey, id: string) => api<JobView>(`${pointPath(g, id)}/verify`, { method: "POST", body: {} });
export const startDelete = (g: GuestKey, id: string) => api<JobView>(pointPath(g, id), { method: "DELETE" });

/** Single-disk recovery: a point's disk attached to another guest, and the disks attached to this one. */
export const recoveryDisksKey = (g: GuestKey) => [...queryKeys.guest(g.hostId, g.uuid), "recovery-disks"] as const;
export const attachPointDisk = (g: GuestKey, id: string, body: unknown) => api<RecoveryDiskView>(`${pointPath(g, id)}/attach`, { body });
export const listRecoveryDisks = (g: GuestKey) => api<RecoveryDiskView[]>(`${guestPath(g)}/recovery-disks`);
export const detachRecoveryDisk = (g: GuestKey, id: string) =>
  api<{ detached: string }>(`${guestPath(g)}/recovery-disks/${encodeURIComponent(id)}`, { method: "DELETE" });
