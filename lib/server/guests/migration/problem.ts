import "server-only";
import type { MigrationProblem, MigrationProblemKey } from "@/lib/guests/migration-types";
import { englishTranslator } from "../../i18n/english";

const english = englishTranslator("migrationChecks");

/** A pre-flight finding by key, with its English beside it for the log. */
function problem(
  severity: MigrationProblem["severity"],
  topic: string,
  key: MigrationProblemKey,
  values: MigrationProblem["values"] = {},
): MigrationProblem {
  return { severity, topic, key, values, message: english(key, values as never) };
}

export const blocking = (topic: string, key: MigrationProblemKey, values?: MigrationProblem["values"]) =>
  problem("blocking", topic, key, values);
export const warning = (topic: string, key: MigrationProblemKey, values?: MigrationProblem["values"]) =>
  problem("warning", topic, key, values);
