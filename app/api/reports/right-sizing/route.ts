import { z } from "zod";
import { canAnywhere } from "@/lib/roles";
import { forbidden } from "@/lib/server/http/errors";
import { route } from "@/lib/server/http/route";
import { readRightSizing } from "@/lib/server/reports/right-sizing";

const query = z.object({ idleDays: z.coerce.number().int().min(1).max(30).optional() });

/** Oversized and idle guests of the last 30 days, with what could be reclaimed; limited to the guests whose metrics the person may see. */
export const GET = route(
  { permission: "authenticated", query, summary: "Right-sizing: oversized and idle guests" },
  async ({ ctx, query }) => {
    if (!canAnywhere(ctx.actor.grants, "metrics.view")) throw forbidden();
    return readRightSizing(ctx, { idleDays: query.idleDays });
  },
);
