import { z } from "zod";
import { said } from "./messages";
import { locales } from "@/lib/i18n/locales";
import { isTimeZone } from "@/lib/i18n/time-zones";

/** A person's display choices; null goes back to following the browser (language) or the server (time zone). */
export const preferencesSchema = z
  .object({
    locale: z.enum(locales, { error: said("chooseLanguage") }).nullable(),
    timeZone: z.string().max(64).refine(isTimeZone, said("chooseTimeZone")).nullable(),
  })
  .partial()
  .strict();
export type PreferencesInput = z.infer<typeof preferencesSchema>;
