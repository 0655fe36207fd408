import { z } from "zod";
import { route } from "@/lib/server/http/route";
import { acknowledgeAlert } from "@/lib/server/alerts/acknowledge-alert";

const params = z.object({ alertId: z.string().min(1).max(64) });

/** Someone deals with an alert (an alert on a failed job resolves). Anyone who sees the alert may. */
export const POST = route({ permission: "authenticated", params, summary: "Acknowledge an alert" }, async ({ ctx, params }) =>
  acknowledgeAlert(ctx, params),
);
