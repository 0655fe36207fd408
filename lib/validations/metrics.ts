import { z } from "zod";
import { said } from "@/lib/validations/messages";

/** The range picker's choices; "custom" takes from/to (ms since the epoch). */
export const metricsRanges = ["1h", "24h", "7d", "30d", "1y", "custom"] as const;
export type MetricsRange = (typeof metricsRanges)[number];

const YEAR_MS = 366 * 24 * 3600_000;

export const metricsQuerySchema = z
  .object({
    range: z.enum(metricsRanges).default("1h"),
    from: z.coerce.number().int().positive().optional(),
    to: z.coerce.number().int().positive().optional(),
    /** Points the chart has room for; the server merges buckets to stay under it. */
    points: z.coerce.number().int().min(10).max(2000).default(600),
  })
  .refine((q) => q.range !== "custom" || (q.from !== undefined && q.to !== undefined), {
    message: said("customRangeEnds"),
    path: ["from"],
  })
  .refine((q) => q.range !== "custom" || q.to! > q.from!, { message: said("endAfterStart"), path: ["to"] })
  .refine((q) => q.range !== "custom" || q.to! - q.from! <= 5 * YEAR_MS, { message: said("atMostFiveYears"), path: ["from"] });
export type MetricsQuery = z.infer<typeof metricsQuerySchema>;
