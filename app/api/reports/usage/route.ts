import { usagePeriod } from "@/lib/reports/usage";
import { canAnywhere } from "@/lib/roles";
import { forbidden } from "@/lib/server/http/errors";
import { route } from "@/lib/server/http/route";
import { readUsage } from "@/lib/server/reports/usage";
import { usageQuerySchema } from "@/lib/validations/reports";

/** Usage (vCPU-hours, memory GiB-hours, disk, traffic) per host, tag, owner or guest over a month or a range of days; limited to guests whose metrics the person may see. */
export const GET = route(
  { permission: "authenticated", query: usageQuerySchema, summary: "Usage report per host, tag, owner or guest" },
  async ({ ctx, query }) => {
    if (!canAnywhere(ctx.actor.grants, "metrics.view")) throw forbidden();
    return readUsage(ctx, { ...usagePeriod(query, Date.now()), groupBy: query.groupBy });
  },
);
