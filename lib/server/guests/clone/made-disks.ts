import "server-only";
import type { CloneDiskPlan } from "@/lib/guests/clone-plan";

/** The disk bytes a copy of a guest gets made for it (each disk copied, or overlaid, at its full size); shared ones are not. */
export function madeDiskBytes(disks: readonly Pick<CloneDiskPlan, "defaultAction" | "pool" | "volume" | "capacityBytes">[]): number {
  return disks.filter((d) => d.defaultAction === "copy" && d.pool && d.volume).reduce((sum, d) => sum + (d.capacityBytes ?? 0), 0);
}
