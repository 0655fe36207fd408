import "server-only";
import { resumeMigration } from "../guests/migration/follow-migration";
import type { JobHandle } from "./jobs";

/** Follows work libvirt carries on by itself to its end, from the state the job recorded with `job.resumable(state)`. */
export type Resumer = (job: JobHandle, state: unknown) => Promise<unknown>;

/**
 * Job kinds another console instance can take over mid-way, because libvirt (not the console) does the
 * work: the new owner reattaches to libvirt's job. Every other kind ends as failed when its instance
 * dies, and what it made is removed.
 */
export const resumers: Readonly<Record<string, Resumer>> = {
  "guest.migrate": resumeMigration,
};
