"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { splitTagText, TAG_MAX_LENGTH, TAGS_MAX_COUNT, tagsSchema } from "@/lib/validations/tags";
import { TagChips } from "./tag-chips";

/** Tags as someone might type them (tags are names, not words to translate). */
const EXAMPLE = "web branch-berlin";

/**
 * Tags of one guest or host: chips, and for those who may change them an inline editor (tags separated by
 * spaces or commas, checked with the same rules the server uses). `save` sends the whole new set.
 */
export function TagEditor({
  tags,
  subject,
  canEdit,
  save,
}: {
  tags: readonly string[];
  /** "web01": used in labels ("Tags of web01"). */
  subject: string;
  canEdit: boolean;
  save: (tags: string[]) => Promise<unknown>;
}) {
  const t = useTranslations("tags");
  const rules = t("rules", { length: TAG_MAX_LENGTH, count: TAGS_MAX_COUNT });
  // What the schema refused, in the reader's words (its own messages are English): too long, too many, or the characters.
  const problem = (issue: { code: string; origin?: string } | undefined) =>
    issue?.code === "too_big"
      ? issue.origin === "array"
        ? t("tooMany", { count: TAGS_MAX_COUNT })
        : t("tooLong", { length: TAG_MAX_LENGTH })
      : t("characters");
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const start = () => {
    setText(tags.join(" "));
    setError(null);
    setEditing(true);
  };
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = tagsSchema.safeParse(splitTagText(text));
    if (!parsed.success) return setError(problem(parsed.error.issues[0]));
    setBusy(true);
    try {
      await save(parsed.data);
      setEditing(false);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  if (!editing)
    return (
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm font-medium">{t("tags")}</span>
        <TagChips tags={tags} label={t("tagsOf", { subject })} />
        {canEdit ? (
          <Button variant="ghost" className="px-2 py-1 text-xs" onClick={start}>
            {t("edit")}
          </Button>
        ) : null}
      </div>
    );
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2">
      <div className="w-96 max-w-full">
        <Field label={t("tagsOf", { subject })} error={error ?? undefined} hint={t("hint", { rules })}>
          <Input value={text} onChange={(e) => setText(e.target.value)} autoFocus placeholder={EXAMPLE} />
        </Field>
      </div>
      <Button type="submit" disabled={busy}>
        {t("save")}
      </Button>
      <Button type="button" variant="secondary" onClick={() => setEditing(false)} disabled={busy}>
        {t("cancel")}
      </Button>
    </form>
  );
}
