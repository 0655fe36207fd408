// Shared by the wizard's "Install by itself" section and the server: the answers an osinfo install script
// takes (libosinfo's config params). Whether the chosen OS's script needs a field, and a product key's
// format, are checked on the server against the script (lib/server/unattended/prepare.ts).
import { z } from "zod";
import { said } from "./messages";
import { cloudHostnameSchema } from "./cloud-init";

/**
 * Install scripts put passwords into shell-quoted lines ('…' in a kickstart) and preseed lines as
 * they are, so quotes, backslashes and line breaks are refused rather than breaking the script.
 */
const scriptPassword = z
  .string()
  .max(128, said("atMostChars"))
  .regex(/^[^'"\\\0-\x1f\x7f]*$/, said("scriptPasswordChars"));

export const unattendedProfiles = ["jeos", "desktop"] as const;

export const unattendedSchema = z.object({
  /** osinfo's profiles: "jeos" a minimal server, "desktop" a graphical desktop. */
  profile: z.enum(unattendedProfiles).default("jeos"),
  adminPassword: scriptPassword.default(""),
  userLogin: z
    .string()
    .trim()
    .regex(/^([a-z_][a-z0-9_-]{0,31})?$/, said("linuxUserName"))
    .default(""),
  userPassword: scriptPassword.default(""),
  /** An IANA time zone (Europe/Berlin); the browser's by default. */
  timezone: z
    .string()
    .trim()
    .regex(/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/, said("timeZoneName"))
    .default("UTC"),
  /** A locale as installers name them: language_TERRITORY (en_US). */
  language: z
    .string()
    .trim()
    .regex(/^[a-z]{2,3}_[A-Z]{2}$/, said("localeName"))
    .default("en_US"),
  productKey: z
    .string()
    .trim()
    .transform((k) => k.toUpperCase())
    .default(""),
  /** The guest's host name; the guest's name when empty. */
  hostname: cloudHostnameSchema.or(z.literal("")).default(""),
});
export type UnattendedInput = z.infer<typeof unattendedSchema>;
