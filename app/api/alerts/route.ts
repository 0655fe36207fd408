import { z } from "zod";
import { route } from "@/lib/server/http/route";
import { readerOf } from "@/lib/server/alerts/alert-words";
import { listAlerts } from "@/lib/server/alerts/list-alerts";

const query = z.object({ active: z.enum(["1"]).optional() });

/** The alert rules, firing alerts and recent history (`?active=1`: firing alerts only, for the dashboard), limited to what the person may see. */
export const GET = route(
  { permission: "authenticated", query, summary: "Alert rules, firing alerts and history" },
  async ({ ctx, query, locale }) =>
    listAlerts(ctx, {
      activeOnly: query.active === "1",
      // Messages in the reader's language: their stored one, else their browser's.
      reader: { ...readerOf(ctx.actor), locale },
    }),
);
