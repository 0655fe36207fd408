// The schemas' own sentences are keys of messages/<locale>.json "validation", not English: the server says them
// in the requester's language (lib/server/http/route.ts) and the browser in the page's (lib/client/use-issue-text.ts).
// A sentence with values carries them in the issue's `params` (zod's place for a custom issue's data).
import type { z } from "zod";
import type english from "@/messages/en.json";

export type ValidationKey = keyof (typeof english)["validation"];
export type MessageValues = Record<string, string | number>;
/** A problem said by key, with the values its sentence takes. */
export type Problem = { key: ValidationKey; values?: MessageValues };

/** A schema's `message:` (or refine's second argument) as a key; typed, so a key English lacks does not compile. */
export const said = (key: ValidationKey): string => key;

/** `ctx.addIssue` for a problem said by key, at `path` under the value being refined. */
export function addProblem(ctx: z.RefinementCtx, problem: Problem, path?: PropertyKey[]): void {
  ctx.addIssue({ code: "custom", message: problem.key, params: problem.values, ...(path ? { path } : {}) });
}

/** What the browser and server read of an issue: its message, a key when it is one of ours, and its values. */
export type IssueLike = { message: string; params?: Record<string, unknown>; minimum?: unknown; maximum?: unknown };

/**
 * The values a sentence takes: a custom issue's params, or a size check's bound as `min`/`max` (so
 * `.min(12, said("atLeastChars"))` says its 12). Only strings and numbers: ICU formats nothing else.
 */
export function valuesOf(issue: IssueLike): MessageValues | undefined {
  const values: MessageValues = {};
  for (const [name, value] of Object.entries(issue.params ?? {}))
    if (typeof value === "string" || typeof value === "number") values[name] = value;
  if (typeof issue.minimum === "number" || typeof issue.minimum === "bigint") values.min = Number(issue.minimum);
  if (typeof issue.maximum === "number" || typeof issue.maximum === "bigint") values.max = Number(issue.maximum);
  return Object.keys(values).length ? values : undefined;
}
