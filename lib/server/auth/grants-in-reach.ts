import "server-only";
import type { Grant } from "@/lib/roles";
import { withOwnedGuests } from "../quotas/owned-guests";
import { withTaggedGuests } from "../tags/tag-grants";

/** A person's grants as every check reads them: tag grants reach the guests tagged now, power users the guests they made. */
export async function grantsInReach(userId: string, grants: Grant[]): Promise<Grant[]> {
  return withOwnedGuests(userId, await withTaggedGuests(grants));
}
