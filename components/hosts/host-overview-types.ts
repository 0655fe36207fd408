// Helpers for GET /api/hosts/[id]/overview (the shape itself is shared: lib/hosts/overview.ts).
import type { HostOverview } from "@/lib/hosts/overview";

export type { HostOverview };

/** A NUMA cell's CPU ids as ranges. */
export function describeCpus(cpus: HostOverview["numaCells"][number]["cpus"]): string {
  return compressRanges(cpus);
}

/** [0,1,2,3,8] → "0-3, 8" */
export function compressRanges(ids: readonly number[]): string {
  const sorted = [...ids].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j === i ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(", ") || "—";
}
