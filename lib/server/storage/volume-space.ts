import "server-only";
import { formatBytes } from "@/lib/text/format";
import { ApiError } from "../http/errors";

/**
 * The pool's free space bounds what is written now (allocation) without exception; a sparse volume
 * may promise more than is free only when the person confirmed the warning (`overcommit`).
 */
export function checkSpace(
  available: number,
  { capacityBytes, allocationBytes, overcommit }: { capacityBytes: number; allocationBytes: number; overcommit: boolean },
): void {
  if (allocationBytes > available) {
    throw new ApiError(
      409,
      `The pool has ${formatBytes(available)} free; allocating this volume now needs ${formatBytes(allocationBytes)}`,
      { capacityBytes: `At most ${formatBytes(available)}` },
    );
  }
  if (capacityBytes > available && !overcommit) {
    throw new ApiError(
      409,
      `The pool has ${formatBytes(available)} free, less than this volume's ${formatBytes(capacityBytes)}. A sparse volume only takes what is written, but the pool may fill up; confirm to create it anyway.`,
      {
        capacityBytes: `More than the pool's ${formatBytes(available)} free`,
      },
    );
  }
}
