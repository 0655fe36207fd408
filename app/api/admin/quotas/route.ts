import { route } from "@/lib/server/http/route";
import { listQuotas } from "@/lib/server/quotas/list-quotas";
import { saveQuota } from "@/lib/server/quotas/save-quota";
import { quotaSchema } from "@/lib/validations/quotas";

export const GET = route({ permission: "admin", summary: "Every quota with what its person or group has made" }, async ({ ctx }) =>
  listQuotas(ctx),
);

export const POST = route(
  { permission: "admin", body: quotaSchema, summary: "Set a person's or a directory group's quota on vCPUs, memory and disk" },
  async ({ ctx, body }) => saveQuota(ctx, body),
);
