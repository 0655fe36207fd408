import "server-only";
import type { JobWords, JobWordKey } from "@/lib/jobs/words";
import english from "@/messages/en.json";
import { englishTranslator } from "../i18n/english";

const t = englishTranslator("jobWords");
const known = new Set(Object.keys(english.jobWords));

/** A job's label as stored: its key and names (JSON), so each page says it in its own language. */
export const jobLabel = (key: JobWordKey, values: JobWords["values"] = {}): string => JSON.stringify({ key, values });

/** The stored label as the pages get it: the words with a key this version knows (and their English), or older text as it is. */
export function readJobLabel(stored: string): { label: string; words?: JobWords } {
  if (!stored.startsWith("{")) return { label: stored };
  try {
    const words = JSON.parse(stored) as JobWords;
    if (!known.has(words.key)) return { label: stored };
    return { label: t(words.key, words.values as never), words };
  } catch {
    return { label: stored };
  }
}
