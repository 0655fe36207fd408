import { z } from "zod";
import { said } from "./messages";
import { consoleDeviceAlias } from "@/lib/consoles/types";

/** A view-only invitation to the console: to whom (a user id from the colleagues list). */
export const inviteSchema = z.object({ userId: z.string().min(1).max(64) });

const device = z.string().regex(consoleDeviceAlias, said("consoleAlias"));

/** A page of a guest console's kept serial output: newest first before `before`, optionally those containing `q`. */
export const serialLogQuerySchema = z.object({
  device,
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => v || undefined),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const serialLogDeviceSchema = z.object({ device });

/** Key combinations the home page sends without a console session. */
export const sendKeysSchema = z.object({ keys: z.enum(["ctrl-alt-del"]) });

/** A CD drive (target such as hdc or sda) and the approved image to put in, or null to empty it. */
export const changeMediumSchema = z.object({
  target: z.string().regex(/^[a-z]{2,4}[a-z0-9]{0,4}$/, said("driveName")),
  path: z.string().min(1).max(4096).nullable(),
});
