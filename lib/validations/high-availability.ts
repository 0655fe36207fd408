// Highly available guests (issue 30): one set of rules for the forms, the API and the verbs.
import { z } from "zod";
import { said } from "./messages";

/** An IPMI controller's address: a host name or an IP address, nothing ipmitool could read as an option. */
const bmcAddress = z
  .string()
  .trim()
  .min(1, said("nameNotEmpty"))
  .max(253, said("atMostChars"))
  .regex(/^[A-Za-z0-9][A-Za-z0-9.:_-]*$/, said("noSpacesOrSlashes"));

/**
 * A host's power management. The password is write-only: left out (or empty) keeps the stored one; `clear`
 * removes power management altogether.
 */
export const powerManagementSchema = z.union([
  z.object({ clear: z.literal(true) }),
  z.object({
    address: bmcAddress,
    port: z.number().int().min(1).max(65535).default(623),
    user: z.string().trim().min(1, said("nameNotEmpty")).max(64, said("atMostChars")),
    password: z.string().max(128, said("atMostChars")).optional(),
  }),
]);
export type PowerManagementInput = z.input<typeof powerManagementSchema>;

/** A cluster's rules for its highly available guests. */
export const clusterHaSchema = z.object({
  graceSeconds: z.number().int().min(1).max(3600),
  fenceAutomatically: z.boolean(),
});
export type ClusterHaSettings = z.infer<typeof clusterHaSchema>;
export const clusterHaDefaults: ClusterHaSettings = { graceSeconds: 30, fenceAutomatically: false };

export const guestHaSchema = z.object({ highlyAvailable: z.boolean() });
