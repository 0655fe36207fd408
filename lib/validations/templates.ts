import { z } from "zod";
import { cloudInitSchema } from "./cloud-init";
import { said } from "./messages";
import { guestNameSchema } from "./guests";

/** Mark a guest as a template (true) or turn it back into a guest (false). */
export const setTemplateSchema = z.object({ template: z.boolean() });

/** How a new guest gets the template's disks: qcow2 overlays on them (fast, small) or full copies. */
export const fromTemplateModes = ["linked", "copy"] as const;

/** The "New guest from template" dialog's form and its route's body. Left out: the template's own sizes. */
export const fromTemplateSchema = z.object({
  name: guestNameSchema,
  mode: z.enum(fromTemplateModes).default("linked"),
  vcpus: z.number().int(said("wholeVcpus")).min(1, said("atLeast1Vcpu")).max(4096).optional(),
  memoryMiB: z
    .number()
    .int(said("wholeMiB"))
    .min(64, said("atLeast64MiB"))
    .max(16 * 1024 * 1024)
    .optional(),
  start: z.boolean().default(true),
  /** A NoCloud seed for the new guest (the wizard's schema): its own host name, users, network and a new instance id. */
  cloudInit: cloudInitSchema.optional(),
});
export type FromTemplateInput = z.infer<typeof fromTemplateSchema>;
