import { z } from "zod";
import { consoleDeviceAlias } from "@/lib/consoles/types";

/** A view-only invitation to the console: to whom (a user id from the colleagues list). */
export const inviteSchema = z.object({ userId: z.string().min(1).max(64) });

const device = z.string().regex(consoleDeviceAlias, "A console device alias such as serial0");

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
