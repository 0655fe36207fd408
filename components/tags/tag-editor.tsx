"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { splitTagText, tagRulesText, tagsSchema } from "@/lib/validations/tags";
import { TagChips } from "./tag-chips";

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
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? tagRulesText);
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
        <span className="text-sm font-medium">Tags</span>
        <TagChips tags={tags} label={`Tags of ${subject}`} />
        {canEdit ? (
          <Button variant="ghost" className="px-2 py-1 text-xs" onClick={start}>
            Edit tags
          </Button>
        ) : null}
      </div>
    );
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2">
      <div className="w-96 max-w-full">
        <Field label={`Tags of ${subject}`} error={error ?? undefined} hint={`Separate tags with spaces or commas. ${tagRulesText}`}>
          <Input value={text} onChange={(e) => setText(e.target.value)} autoFocus placeholder="web branch-berlin" />
        </Field>
      </div>
      <Button type="submit" disabled={busy}>
        Save tags
      </Button>
      <Button type="button" variant="secondary" onClick={() => setEditing(false)} disabled={busy}>
        Cancel
      </Button>
    </form>
  );
}
