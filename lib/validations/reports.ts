import { z } from "zod";
import { said } from "@/lib/validations/messages";
import { usageGroupings } from "@/lib/reports/usage";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, said("dateExample"));

/** A usage report's period and grouping: a month ("2026-11"), or a range of days (both included), or the previous month. */
export const usageQuerySchema = z
  .object({
    groupBy: z.enum(usageGroupings).default("host"),
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, said("monthExample"))
      .optional(),
    from: day.optional(),
    to: day.optional(),
  })
  .refine((q) => !q.from === !q.to, { message: said("bothDays"), path: ["to"] })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: said("lastAfterFirst"), path: ["to"] });
export type UsageQuery = z.infer<typeof usageQuerySchema>;

/** The report's mailing (Reports → Usage): who gets it, grouped how; sent on the 1st of each month for the month before. */
export const usageMailSchema = z.object({
  enabled: z.boolean(),
  recipients: z.array(z.string().trim().email(said("emailExample")).max(254)).max(20, said("atMostAddresses")),
  groupBy: z.enum(usageGroupings),
});
export type UsageMailSettings = z.infer<typeof usageMailSchema>;
