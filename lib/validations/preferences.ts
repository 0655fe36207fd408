import { z } from "zod";
import { locales } from "@/lib/i18n/locales";
import { isTimeZone } from "@/lib/i18n/time-zones";

/** A person's display choices; null goes back to following the browser (language) or the server (time zone). */
export const preferencesSchema = z
  .object({
    locale: z.enum(locales, { error: "Choose one of the languages the console speaks" }).nullable(),
    timeZone: z.string().max(64).refine(isTimeZone, "Choose a time zone from the list").nullable(),
  })
  .partial()
  .strict();
export type PreferencesInput = z.infer<typeof preferencesSchema>;
