import "server-only";
import { jobError, readJobError } from "./job-error";
import { readJobLabel } from "./job-label";
import type { JobStatus, JobView } from "@/lib/jobs/types";
import type { Db } from "../db";

export type JobRow = NonNullable<Awaited<ReturnType<Db["job"]["findUnique"]>>>;

/** JSON for a column; bigints (libvirt's counters) as strings, undefined as NULL. */
export function toJson(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

const fromJson = (text: string | null): unknown => (text === null ? undefined : JSON.parse(text));

/** The job as the pages see it (the shape they saw when jobs lived in memory). */
export function toView(row: JobRow): JobView {
  return {
    id: row.id,
    kind: row.kind,
    ...readJobLabel(row.label),
    status: row.status as JobStatus,
    done: row.done,
    total: row.total,
    startedAt: row.startedAt.getTime(),
    finishedAt: row.finishedAt?.getTime(),
    ...readJobError(row.error),
    result: fromJson(row.result),
    detail: fromJson(row.detail),
  };
}

export const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Why a job ended without finishing when its console instance went away (stored by key; these are its English). */
export const INSTANCE_DIED = jobError("instanceDied").message;
export const INSTANCE_STOPPED = jobError("instanceStopped").message;
