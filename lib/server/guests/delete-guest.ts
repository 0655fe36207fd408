import "server-only";
import { can } from "@/lib/roles";
import { forgetGuest } from "../quotas/reserve-guest";
import { remoteProcedures as p } from "@/lib/libvirt";
import { flagSet } from "@/lib/libvirt/flag-set";
import { VirDomainUndefineFlagsValues as Undefine } from "@/lib/libvirt/generated/flags";
import type { DeleteGuestInput } from "@/lib/validations/guests";
import type { GuestRef } from "@/lib/guests/types";
import type { VerbContext } from "../verb-context";
import { ApiError } from "../http/errors";
import { forgetGuestTags } from "../tags/guest-tag-index";
import { linkedClonesOf, refuseWhileDependents } from "../templates/linked-clones";
import { changeGuest } from "./guest-target";
import { planDeletion } from "./delete-plan";
import { removeAllSnapshotScreenshots } from "./snapshots/snapshot-screens";

/**
 * Deletes a guest (never one whose disks linked clones are built on): forces it off if it runs, undefines it (with its managed save, and as chosen its
 * snapshot metadata and NVRAM), then deletes the chosen volumes. The guest goes first so a refusal
 * (libvirt keeps guests whose snapshots were not chosen) loses nothing; a volume that then fails to
 * delete is named in the error.
 */
export async function deleteGuest(
  ctx: VerbContext,
  { hostId, uuid, ...input }: GuestRef & DeleteGuestInput,
): Promise<{ removed: string[] }> {
  return changeGuest(ctx, { action: "guest.delete", hostId, uuid, details: { ...input } }, async ({ lv, dom }, details) => {
    const plan = await planDeletion(lv, dom);
    const deletable = new Map(plan.volumes.filter((v) => v.deletable).map((v) => [v.path, v]));
    // Someone who may delete but not manage the guest (a power user, their own guest) takes its disks with it:
    // a disk kept would stay made for them without counting against their quota.
    if (!can(ctx.actor.grants, "guest.manage", { kind: "guest", hostId, guestUuid: uuid }))
      details.removeVolumes = input.removeVolumes = [...deletable.keys()];
    const refused = input.removeVolumes.filter((path) => !deletable.has(path));
    if (refused.length) throw new ApiError(422, { key: "notDeletableVolumes", values: { volumes: refused.join(", ") } });
    // A template (or any guest) whose disks are the base of linked clones stays, disks and all.
    refuseWhileDependents(await linkedClonesOf(lv, dom), "delete", dom.name);

    if (await lv.domains.isActive(dom)) await lv.domains.destroy(dom);
    if (plan.persistent) {
      const flags = flagSet(
        Undefine.VIR_DOMAIN_UNDEFINE_MANAGED_SAVE,
        input.removeSnapshots ? Undefine.VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA : 0,
        input.removeNvram ? Undefine.VIR_DOMAIN_UNDEFINE_NVRAM : Undefine.VIR_DOMAIN_UNDEFINE_KEEP_NVRAM,
      );
      await lv.domains.undefine(dom, flags);
    }
    // The snapshots' screen pictures go with their metadata.
    if (input.removeSnapshots || !plan.persistent) await removeAllSnapshotScreenshots(hostId, uuid);
    // Its tags went with its definition: grants on them no longer reach it.
    await forgetGuestTags(hostId, uuid);
    await forgetGuest(hostId, uuid);
    const removed: string[] = [];
    const failed: string[] = [];
    for (const path of input.removeVolumes) {
      try {
        const { vol } = await lv.client.call(p.STORAGE_VOL_LOOKUP_BY_PATH, { path });
        await lv.storage.deleteVolume(vol);
        removed.push(path);
      } catch (err) {
        failed.push(`${path}: ${(err as Error).message}`);
      }
    }
    if (failed.length) throw new ApiError(409, { key: "storageNotDeleted", values: { failures: failed.join("; ") } });
    return { removed };
  });
}
