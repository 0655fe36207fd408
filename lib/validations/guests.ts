import { z } from "zod";
import { said } from "./messages";
import { nameSchema } from "./names";
import { poolNameSchema, volumeNameSchema } from "./storage";

/** libvirt accepts almost any name; these rules keep names safe in paths, shells and URLs. */
export const guestNameSchema = nameSchema("guest");

export const guestSettingsSchema = z
  .object({ autostart: z.boolean().optional(), name: guestNameSchema.optional() })
  .refine((v) => v.autostart !== undefined || v.name !== undefined, said("nothingToChange"));
export type GuestSettingsInput = z.infer<typeof guestSettingsSchema>;

/** "Save to file": a file (ending .save) in a pool with a directory on the host. */
export const saveToPoolSchema = z.object({ pool: poolNameSchema, file: volumeNameSchema });

/** Restore a saved state; by default its file goes once the guest runs, because restoring it twice would corrupt the disks. */
export const restoreSchema = z.object({ pool: poolNameSchema, volume: volumeNameSchema, removeAfter: z.boolean().default(true) });

export const deleteGuestSchema = z.object({
  removeVolumes: z.array(z.string().min(1)).max(256).default([]),
  removeSnapshots: z.boolean().default(true),
  removeNvram: z.boolean().default(true),
});
export type DeleteGuestInput = z.infer<typeof deleteGuestSchema>;
