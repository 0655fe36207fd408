import { z } from "zod";
import { usageGroupings } from "@/lib/reports/usage";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "A date such as 2026-11-30");

/** A usage report's period and grouping: a month ("2026-11"), or a range of days (both included), or the previous month. */
export const usageQuerySchema = z
  .object({
    groupBy: z.enum(usageGroupings).default("host"),
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "A month such as 2026-11")
      .optional(),
    from: day.optional(),
    to: day.optional(),
  })
  .refine((q) => !q.from === !q.to, { message: "Give both the first and the last day", path: ["to"] })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "The last day comes after the first", path: ["to"] });
export type UsageQuery = z.infer<typeof usageQuerySchema>;

/** The report's mailing (Reports → Usage): who gets it, grouped how; sent on the 1st of each month for the month before. */
export const usageMailSchema = z.object({
  enabled: z.boolean(),
  recipients: z.array(z.string().trim().email("An e-mail address such as ann@example.com").max(254)).max(20, "At most 20 addresses"),
  groupBy: z.enum(usageGroupings),
});
export type UsageMailSettings = z.infer<typeof usageMailSchema>;
