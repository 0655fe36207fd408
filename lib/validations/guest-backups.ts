import { z } from "zod";
import { said } from "./messages";
import { backupKinds } from "@/lib/guest-backups/types";
import { guestRefSchema } from "@/lib/guests/types";
import { nameSchema } from "./names";

export const backUpGuestSchema = z.object({
  /** A running directory pool on the guest's host. */
  pool: nameSchema("pool"),
  /** The host the pool was chosen on; only the guest's own host is accepted (QEMU there writes the files). */
  poolHostId: z.string().min(1).optional(),
  kind: z.enum(backupKinds).default("full"),
});
export type BackUpGuestInput = z.input<typeof backUpGuestSchema>;

export const restorePointSchema = z.discriminatedUnion("mode", [
  z.object({
    mode: z.literal("new"),
    name: nameSchema("guest"),
    /** Where the new guest's disks go; the point's pool when left out. */
    pool: nameSchema("pool").optional(),
  }),
  z.object({
    mode: z.literal("in-place"),
    /** The guest's disks are replaced by the point's: the page asks first and says so here. */
    confirm: z.literal(true, { error: said("confirmRestore") }),
  }),
]);
export type RestorePointInput = z.infer<typeof restorePointSchema>;

/** Route params of /api/hosts/[id]/guests/[uuid]/backups/[point]. */
export const backupPointRouteParams = z
  .object({ id: z.string().min(1), uuid: guestRefSchema.shape.uuid, point: z.string().min(1).max(64) })
  .transform(({ id, uuid, point }) => ({ hostId: id, uuid, pointId: point }));

/** Single-disk recovery: which disk of the point goes to which other guest of the same host. */
export const attachPointDiskSchema = z.object({
  /** The disk's name in the point (vda). */
  disk: z.string().regex(/^[a-z]{2,3}[a-z]{1,3}$/, said("choosePointDisk")),
  /** The other guest, on the point's host. */
  guest: guestRefSchema.shape.uuid,
});
export type AttachPointDiskInput = z.infer<typeof attachPointDiskSchema>;

/** Route params of /api/hosts/[id]/guests/[uuid]/recovery-disks/[disk]. */
export const recoveryDiskRouteParams = z
  .object({ id: z.string().min(1), uuid: guestRefSchema.shape.uuid, disk: z.string().min(1).max(64) })
  .transform(({ id, uuid, disk }) => ({ hostId: id, uuid, attachmentId: disk }));
