import "server-only";
import type { Scheduler } from "../jobs/scheduler";
import { runSchedule } from "./run-schedule";
import { SCHEDULE_KIND } from "./schedule-facts";

/** Every instance runs people's schedules (startJobService); the scheduler lets one of them claim each run. */
export function registerScheduleHandlers(s: Scheduler): void {
  s.handle(SCHEDULE_KIND, runSchedule);
}
