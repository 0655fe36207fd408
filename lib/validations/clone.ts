import { z } from "zod";
import { guestNameSchema } from "./guests";
import { volumeNameSchema } from "./storage";

/** One disk of the original: copied to a new volume in its pool, or shared read-only. */
export const cloneDiskChoiceSchema = z.discriminatedUnion("action", [
  z.object({ target: z.string().min(1), action: z.literal("copy"), volume: volumeNameSchema }),
  z.object({ target: z.string().min(1), action: z.literal("share") }),
]);

/** The clone dialog's form and the clone route's body. Disks left out get their default. */
export const cloneGuestSchema = z.object({
  name: guestNameSchema,
  disks: z.array(cloneDiskChoiceSchema).max(64).default([]),
});

export type CloneGuestInput = z.infer<typeof cloneGuestSchema>;
