import { route } from "@/lib/server/http/route";
import { deleteSchedule } from "@/lib/server/schedules/delete-schedule";
import { scheduleParamsSchema } from "@/lib/validations/schedules";

/** Removes a schedule (its owner or an admin); someone else's is "not found". */
export const DELETE = route(
  { permission: "authenticated", params: scheduleParamsSchema, summary: "Remove a schedule" },
  async ({ ctx, params }) => deleteSchedule(ctx, params),
);
