import { z } from "zod";
import { route } from "@/lib/server/http/route";
import { createSchedule } from "@/lib/server/schedules/create-schedule";
import { listSchedules } from "@/lib/server/schedules/list-schedules";
import { createScheduleSchema } from "@/lib/validations/schedules";

/** The caller's snapshot and power schedules (an admin's: everyone's), with upcoming and past runs. */
export const GET = route({ permission: "authenticated", summary: "List snapshot and power schedules" }, async ({ ctx }) =>
  listSchedules(ctx),
);

/** A new schedule; the verb checks the right to do its action on its guest or tag. */
export const POST = route(
  {
    permission: "authenticated",
    body: createScheduleSchema,
    summary: "Make a snapshot or power schedule for a guest or a tag",
    response: z.object({ id: z.string() }),
  },
  async ({ ctx, body }) => createSchedule(ctx, body),
);
