import { z } from "zod";
import { route } from "@/lib/server/http/route";
import { listAlerts } from "@/lib/server/alerts/list-alerts";

const query = z.object({ active: z.enum(["1"]).optional() });

/** The alert rules, firing alerts and recent history (`?active=1`: firing alerts only, for the dashboard), limited to what the person may see. */
export const GET = route(
  { permission: "authenticated", query, summary: "Alert rules, firing alerts and history" },
  async ({ ctx, query }) => listAlerts(ctx, { activeOnly: query.active === "1" }),
);
