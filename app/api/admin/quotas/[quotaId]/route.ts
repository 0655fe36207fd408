import { route } from "@/lib/server/http/route";
import { deleteQuota } from "@/lib/server/quotas/delete-quota";
import { quotaRouteParams } from "@/lib/validations/quotas";

export const DELETE = route({ permission: "admin", params: quotaRouteParams, summary: "Remove a quota" }, async ({ ctx, params }) =>
  deleteQuota(ctx, params),
);
