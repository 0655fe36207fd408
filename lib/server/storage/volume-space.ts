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
      { key: "poolTooFull", values: { free: formatBytes(available), needed: formatBytes(allocationBytes) } },
      { capacityBytes: { key: "atMostSize", values: { size: formatBytes(available) } } },
    );
  }
  if (capacityBytes > available && !overcommit) {
    throw new ApiError(
      409,
      { key: "poolOvercommit", values: { free: formatBytes(available), capacity: formatBytes(capacityBytes) } },
      {
        capacityBytes: { key: "moreThanPoolFree", values: { free: formatBytes(available) } },
      },
    );
  }
}
