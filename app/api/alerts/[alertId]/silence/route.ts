import { z } from "zod";
import { route } from "@/lib/server/http/route";
import { silenceAlert } from "@/lib/server/alerts/silence-alert";
import { silenceSchema } from "@/lib/validations/alerts";

const params = z.object({ alertId: z.string().min(1).max(64) });

/** No notifications about an alert for some minutes. Anyone who sees the alert may. */
export const POST = route(
  { permission: "authenticated", params, body: silenceSchema, summary: "Silence an alert for a time" },
  async ({ ctx, params, body }) => silenceAlert(ctx, { alertId: params.alertId, minutes: body.minutes }),
);
