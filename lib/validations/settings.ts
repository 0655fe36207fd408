import { z } from "zod";
import { addProblem, said } from "./messages";
import { formatSubnet, parseCidr } from "@/lib/networks/addresses";
import { roles } from "@/lib/roles";

/** One network as an admin types it ("192.168.10.0/24", "fd00::/8", or one address); stored in canonical form. */
export const networkSchema = z
  .string()
  .trim()
  .transform((text, ctx) => {
    // A bare address is a network of one: /32 or /128.
    const cidr = parseCidr(text.includes("/") ? text : `${text}/${text.includes(":") ? 128 : 32}`);
    if (cidr) return formatSubnet(cidr);
    addProblem(ctx, { key: "notANetwork", values: { text } });
    return z.NEVER;
  });

/** A list of networks, duplicates dropped. */
export const networkListSchema = z
  .array(networkSchema)
  .max(256, said("atMostNetworks"))
  .transform((list) => [...new Set(list)]);

/** Splits a list typed one per line (or separated by commas or spaces), as the settings form and FETCH_ALLOWED_NETWORKS write it. */
export const splitNetworkList = (text: string): string[] => text.split(/[\s,]+/).filter(Boolean);

/** An ISO image helpdesk staff may put in a guest's CD drive: its path on one host. */
export const isoLibraryEntrySchema = z.object({
  hostId: z.string().min(1).max(64),
  path: z
    .string()
    .trim()
    .min(2)
    .max(4096)
    .regex(/^\/[^\0\n]*$/, said("absolutePathOnHost")),
});
export const isoLibrarySchema = z
  .array(isoLibraryEntrySchema)
  .max(1000, said("atMostImages"))
  .transform((list) => list.filter((e, i) => list.findIndex((o) => o.hostId === e.hostId && o.path === e.path) === i));
export type IsoLibraryEntry = z.infer<typeof isoLibraryEntrySchema>;
/** Roles whose holders must sign in with a second factor, duplicates dropped. */
export const twoFactorRolesSchema = z.array(z.enum(roles)).transform((list) => [...new Set(list)]);

/** Console-wide settings an admin changes under Admin → Settings, each as it is stored. */
const settingValuesSchema = z.object({
  /** Networks the console may fetch from on a user's behalf although they are loopback, private, link-local… */
  fetchAllowedNetworks: networkListSchema,
  /** The approved ISO images helpdesk staff may insert into guests' CD drives (from their home page). */
  isoLibrary: isoLibrarySchema,
  /** Roles whose holders must sign in with a second factor (people with a password here or in a directory). */
  twoFactorRoles: twoFactorRolesSchema,
});
export type Settings = z.output<typeof settingValuesSchema>;

/** A PATCH names only what it changes; null puts a setting back to its default (the row is deleted). */
export const settingsSchema = z
  .object(
    Object.fromEntries(Object.entries(settingValuesSchema.shape).map(([key, schema]) => [key, schema.nullable()])) as {
      [K in keyof typeof settingValuesSchema.shape]: z.ZodNullable<(typeof settingValuesSchema.shape)[K]>;
    },
  )
  .partial()
  .refine((v) => Object.keys(v).length > 0, said("nothingToChange"));
export type SettingsInput = z.input<typeof settingsSchema>;
export type SettingsChange = z.output<typeof settingsSchema>;
