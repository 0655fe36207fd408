import { z } from "zod";
import { canAnywhere } from "@/lib/roles";
import { readCapacity } from "@/lib/server/forecasts/read-capacity";
import { forbidden } from "@/lib/server/http/errors";
import { route } from "@/lib/server/http/route";

const query = z.object({
  /** One host, with the hourly samples behind each forecast (its page's chart). */
  hostId: z.string().min(1).max(64).optional(),
  /** With hostId: only this pool's forecast. */
  pool: z.string().min(1).max(255).optional(),
  /** The warning level in percent (85 unless given). */
  warning: z.coerce.number().min(1).max(100).optional(),
});

/** Capacity forecasts: when each host's CPU and memory and each pool's space reach the warning level and 100 %, soonest first. */
export const GET = route(
  { permission: "authenticated", query, summary: "Capacity forecasts per host and pool" },
  async ({ ctx, query }) => {
    if (!canAnywhere(ctx.actor.grants, "metrics.view")) throw forbidden();
    return readCapacity(ctx, { hostId: query.hostId, pool: query.pool, warningLevel: query.warning });
  },
);
