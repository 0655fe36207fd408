import "server-only";
import { VirDomainJobType } from "@/lib/libvirt/generated/flags";
import type { GuestRef } from "@/lib/guests/types";
import type { VerbContext } from "../../verb-context";
import { ApiError } from "../../http/errors";
import { changeGuest } from "../guest-target";

/**
 * Changes the bandwidth limit of the guest's running migration (virsh migrate-setspeed), e.g. to let a
 * migration throttled for the working day finish at full speed. 0 lifts the limit.
 */
export async function setMigrationSpeed(
  ctx: VerbContext,
  { hostId, uuid, bandwidthMiBs }: GuestRef & { bandwidthMiBs: number },
): Promise<{ bandwidthMiBs: number }> {
  return changeGuest(ctx, { action: "guest.migrate.speed", hostId, uuid, details: { bandwidthMiBs } }, async ({ lv, dom }) => {
    if ((await lv.domains.jobStats(dom)).type === VirDomainJobType.VIR_DOMAIN_JOB_NONE)
      throw new ApiError(409, { key: "noMigrationRunning" });
    await lv.domains.setMigrationMaxSpeed(dom, BigInt(bandwidthMiBs));
    return { bandwidthMiBs };
  });
}
