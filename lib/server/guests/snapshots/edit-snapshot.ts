import "server-only";
import { ErrorCode, isLibvirtError } from "@/lib/libvirt";
import { flagSet } from "@/lib/libvirt/flag-set";
import { VirDomainSnapshotCreateFlags } from "@/lib/libvirt/generated/flags";
import { DomainSnapshot } from "@/lib/xml";
import type { GuestRef } from "@/lib/guests/types";
import type { VerbContext } from "../../verb-context";
import { notFound } from "../../http/errors";
import { changeGuest } from "../guest-target";
import { secureSnapshotXml } from "./snapshot-facts";
import { checkOwnSnapshots } from "./snapshot-owners";

const { VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE, VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT } = VirDomainSnapshotCreateFlags;

/** A new description: the snapshot is redefined from its own XML (with CURRENT when it was current, or it would stop being). */
export async function editSnapshot(
  ctx: VerbContext,
  { hostId, uuid, name, description }: GuestRef & { name: string; description: string },
): Promise<void> {
  await changeGuest(ctx, { action: "snapshot.edit", hostId, uuid, details: { name } }, async ({ lv, dom }) => {
    const snap = await lv.domains.lookupSnapshot(dom, name).catch((err: unknown) => {
      throw isLibvirtError(err, ErrorCode.VIR_ERR_NO_DOMAIN_SNAPSHOT) ? notFound("snapshot") : err;
    });
    await checkOwnSnapshots(ctx, { hostId, uuid }, [name]);
    const snapshot = DomainSnapshot.parse(await secureSnapshotXml(lv, snap));
    snapshot.description = description || undefined;
    const current = await lv.domains.isCurrentSnapshot(snap);
    await lv.domains.createSnapshot(
      dom,
      snapshot.toXml(),
      flagSet(VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE, current ? VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT : 0),
    );
  });
}
