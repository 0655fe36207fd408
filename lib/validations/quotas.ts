import { z } from "zod";
import { quotaKinds } from "@/lib/quotas/quota";
import { addProblem, said } from "./messages";
import { usernameSchema } from "./users";

/** One limit as an admin types it: a whole number, or empty (null) for no limit. */
const limit = (max: number) => z.number().int(said("wholeNumber")).min(0, said("notNegative")).max(max).nullable().default(null);

/** Admin → Quotas: a person's or a directory group's limits on vCPUs, memory and disk of the guests they make. */
export const quotaSchema = z
  .object({
    kind: z.enum(quotaKinds),
    subject: z.string().trim().min(1, said("enterQuotaSubject")).max(512),
    vcpus: limit(65_536),
    memoryMiB: limit(1024 * 1024 * 1024),
    diskGiB: limit(1024 * 1024 * 1024),
  })
  .superRefine((q, ctx) => {
    if (q.kind === "user" && !usernameSchema.safeParse(q.subject).success) addProblem(ctx, { key: "usernameChars" }, ["subject"]);
  });
export type QuotaInput = z.input<typeof quotaSchema>;
export type QuotaFields = z.output<typeof quotaSchema>;

export const quotaRouteParams = z.object({ quotaId: z.string().min(1).max(64) });
