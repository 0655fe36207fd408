import { z } from "zod";

/** libvirt accepts almost any name; these rules keep names safe in paths, shells and URLs. */
export const guestNameSchema = z
  .string()
  .trim()
  .min(1, "Enter a name")
  .max(64, "At most 64 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "Letters, digits, '.', '_' and '-' only, starting with a letter or digit");

export const guestSettingsSchema = z
  .object({ autostart: z.boolean().optional(), name: guestNameSchema.optional() })
  .refine((v) => v.autostart !== undefined || v.name !== undefined, "Nothing to change");
export type GuestSettingsInput = z.infer<typeof guestSettingsSchema>;

/** An absolute path on the guest's host, e.g. for save files. */
export const hostPathSchema = z.object({
  path: z
    .string()
    .trim()
    .regex(/^\/[^\0]*$/, "An absolute path on the host, like /var/lib/libvirt/qemu/save/guest.save")
    .max(4096),
});

export const deleteGuestSchema = z.object({
  removeVolumes: z.array(z.string().min(1)).max(256).default([]),
  removeSnapshots: z.boolean().default(true),
  removeNvram: z.boolean().default(true),
});
export type DeleteGuestInput = z.infer<typeof deleteGuestSchema>;
