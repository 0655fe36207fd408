import "server-only";
import type { Libvirt } from "@/lib/libvirt";
import type { DomainRef } from "@/lib/libvirt/api/domains";
import { VirDomainCheckpointXMLFlags } from "@/lib/libvirt/generated/flags";
import { formatBytes } from "@/lib/text/format";
import { DomainCheckpoint } from "@/lib/xml";
import { ApiError } from "../http/errors";
import type { DirectoryPool } from "../guests/saved-state/directory-pools";
import type { PointRow } from "./backup-facts";

/**
 * Refuses a backup the target pool has no room for, before anything is made (no catalogue row, job,
 * volume or checkpoint). The pool is refreshed first, so files other programs wrote count. A full point
 * needs about what the guest's disks take now (their allocation); an incremental one about what QEMU has
 * marked as changed since the parent's checkpoint (libvirt's estimate, so the message says "estimated").
 */
export async function checkFreeSpace(
  lv: Libvirt,
  dom: DomainRef,
  pool: DirectoryPool,
  disks: readonly { target: string; allocationBytes: number }[],
  parent: PointRow | null,
): Promise<void> {
  await lv.storage.refreshPool(pool.ref).catch(() => undefined);
  const available = Number((await lv.storage.poolInfo(pool.ref)).available);
  const need = parent?.checkpoint
    ? { bytes: await changedSince(lv, dom, parent.checkpoint, disks), basis: "changed" }
    : { bytes: disks.reduce((sum, d) => sum + d.allocationBytes, 0), basis: "now" };
  if (need.bytes <= available) return;
  throw new ApiError(
    507,
    {
      key: "notEnoughBackupSpace",
      values: { pool: pool.name, free: formatBytes(available), needed: formatBytes(need.bytes), basis: need.basis },
    },
    { pool: { key: "backupSpaceField", values: { free: formatBytes(available), needed: formatBytes(need.bytes) } } },
  );
}

/** QEMU's count of bytes changed since a checkpoint, summed over the disks being backed up. */
async function changedSince(lv: Libvirt, dom: DomainRef, checkpoint: string, disks: readonly { target: string }[]): Promise<number> {
  const cp = await lv.backups.lookupCheckpoint(dom, checkpoint);
  const xml = DomainCheckpoint.parse(await lv.backups.checkpointXml(cp, VirDomainCheckpointXMLFlags.VIR_DOMAIN_CHECKPOINT_XML_SIZE));
  const targets = new Set(disks.map((d) => d.target));
  return xml.disks.filter((d) => d.name !== undefined && targets.has(d.name)).reduce((sum, d) => sum + (d.size ?? 0), 0);
}
