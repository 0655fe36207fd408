import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/live-keys";
import type { JobView } from "@/lib/jobs/types";

export type GuestKey = { hostId: string; uuid: string };

export const snapshotsPath = (g: GuestKey) => `/api/hosts/${encodeURIComponent(g.hostId)}/guests/${g.uuid}/snapshots`;
export const snapshotPath = (g: GuestKey, name: string) => `${snapshotsPath(g)}/${encodeURIComponent(name)}`;
/** Under the guest's key, so whatever refreshes the guest (its events) refreshes the snapshots too. */
export const snapshotsKey = (g: GuestKey) => [...queryKeys.guest(g.hostId, g.uuid), "snapshots"] as const;

export const startCreate = (g: GuestKey, body: unknown) => api<JobView>(snapshotsPath(g), { body });
export const startRevert = (g: GuestKey, name: string) => api<JobView>(`${snapshotPath(g, name)}/revert`, { method: "POST", body: {} });
export const startDelete = (g: GuestKey, name: string, withChildren: boolean) =>
  api<JobView>(snapshotPath(g, name), { method: "DELETE", body: { withChildren } });
export const saveDescription = (g: GuestKey, name: string, description: string) =>
  api(snapshotPath(g, name), { method: "PATCH", body: { description } });
