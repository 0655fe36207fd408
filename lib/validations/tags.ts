// The one set of rules for tags, on guests and hosts: the form, the API and the stored models all use these.
import { z } from "zod";
import { said } from "./messages";

/** Longest tag, in characters. */
export const TAG_MAX_LENGTH = 40;
/** Most tags one guest or host may carry. */
export const TAGS_MAX_COUNT = 16;
/** Lower-case letters, digits, and `-`, `_`, `.` inside; no spaces and no `:` (the search's `tag:x` uses it). */
export const TAG_PATTERN = /^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$/;

/** One tag: trimmed and lower-cased first, so "Branch-Berlin " and "branch-berlin" are one tag. */
export const tagSchema = z
  .string()
  .transform((t) => t.trim().toLowerCase())
  .pipe(z.string().min(1, said("tagNotEmpty")).max(TAG_MAX_LENGTH, said("tagAtMost")).regex(TAG_PATTERN, said("tagChars")));

/** A set of tags: duplicates dropped, sorted, at most TAGS_MAX_COUNT. */
export const tagsSchema = z
  .array(tagSchema)
  .transform((tags) => [...new Set(tags)].sort())
  .pipe(z.array(z.string()).max(TAGS_MAX_COUNT, said("atMostTags")));

/** The body of the "set tags" calls: the whole new set (an empty list removes them all). */
export const setTagsSchema = z.object({ tags: tagsSchema });
export type SetTagsInput = z.input<typeof setTagsSchema>;

/** Splits what a person typed ("web, branch-berlin db") into tags for tagsSchema. */
export function splitTagText(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((t) => t.trim())
    .filter(Boolean);
}

/** True when `tag` already passes the rules as it is (for data read back from storage). */
export const isValidTag = (tag: string) => tag.length <= TAG_MAX_LENGTH && TAG_PATTERN.test(tag);

/** Tags kept as a JSON array (a host's); anything that is not a list of valid tags reads as none. */
export function parseStoredTags(json: string): string[] {
  try {
    const parsed = tagsSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}
