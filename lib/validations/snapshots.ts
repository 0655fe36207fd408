import { z } from "zod";
import { said } from "./messages";
import { snapshotKinds } from "@/lib/snapshots/model";
import { guestRefSchema } from "@/lib/guests/types";
import { nameSchema } from "./names";

/** Like virt-manager: any text but '/', which would break file names and URLs. */
export const snapshotNameSchema = nameSchema("snapshot");

export const snapshotDescriptionSchema = z.string().max(2000, said("atMostChars")).default("");

export const createSnapshotSchema = z.object({
  name: snapshotNameSchema,
  description: snapshotDescriptionSchema,
  kind: z.enum(snapshotKinds),
});
export type CreateSnapshotInput = z.infer<typeof createSnapshotSchema>;

export const editSnapshotSchema = z.object({ description: snapshotDescriptionSchema });

export const deleteSnapshotSchema = z.object({ withChildren: z.boolean().default(false) });

/** Route params of /api/hosts/[id]/guests/[uuid]/snapshots/[name]. */
export const snapshotRouteParams = z
  .object({ id: z.string().min(1), uuid: guestRefSchema.shape.uuid, name: z.string().min(1).max(256) })
  .transform(({ id, uuid, name }) => ({ hostId: id, uuid, name }));
