import { route } from "@/lib/server/http/route";
import { readUsageMail, saveUsageMail } from "@/lib/server/reports/usage-mail";
import { usageMailSchema } from "@/lib/validations/reports";

/** Who gets the monthly usage report by e-mail (admins). */
export const GET = route({ permission: "admin", summary: "Monthly usage report recipients" }, async ({ ctx }) => readUsageMail(ctx));

/** Sets who gets the monthly usage report and how it is grouped (admins). */
export const PUT = route(
  { permission: "admin", body: usageMailSchema, summary: "Set the monthly usage report recipients" },
  async ({ ctx, body }) => saveUsageMail(ctx, body),
);
