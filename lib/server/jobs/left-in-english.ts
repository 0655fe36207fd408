import "server-only";
import type { LeftArtefact } from "@/lib/jobs/types";

/** What a failed job could not remove, in English (the log, a job's error text); pages say it with "jobLeft". */
export const leftInEnglish = (left: readonly LeftArtefact[]) => left.map((l) => `${l.kind} ${l.name}: ${l.message}`).join("; ");
