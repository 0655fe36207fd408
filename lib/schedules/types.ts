// Shared by server and browser: a schedule as the Schedules page shows it.
import type { SchedulePayload, ScheduleAction, ScheduleTarget } from "@/lib/validations/schedules";

export type ScheduleRunView = {
  /** When the run ended (epoch ms). */
  at: number;
  result: "ok" | "error";
  /** What it did or why it failed, per guest: "web1: snapshot auto-…", "db1: not running". */
  summary: string[];
};

export type ScheduleView = {
  id: string;
  label: string;
  action: ScheduleAction;
  target: ScheduleTarget;
  cron: string;
  timeZone: string;
  keep?: number;
  /** Backup schedules: where to and how, and what else they keep. */
  backup?: SchedulePayload["backup"];
  /** Set while a run is under way. */
  running: boolean;
  /** The next few times it comes (epoch ms). */
  upcoming: number[];
  /** The latest runs, newest first. */
  past: ScheduleRunView[];
};
