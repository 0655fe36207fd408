"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useIssueText } from "@/lib/client/use-issue-text";
import { useMemo, useState } from "react";
import { api, ApiRequestError } from "@/lib/client/api";
import { SECRET_PLACEHOLDER } from "@/lib/guests/secrets";
import { queryKeys } from "@/lib/client/live-keys";
import { lineDiff } from "@/lib/text/line-diff";
import { defineXmlSchema } from "@/lib/validations/hardware/sections";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { Warning } from "./form-controls";
import { hardwareKeys, xmlPath, type GuestRef } from "./hardware-api";
import { XmlDiff } from "./xml-diff";

type Loaded = { xml: string; etag: string };
/** Edits name the definition they started from; null while nothing is edited (the editor follows the server). */
type Draft = { base: Loaded; text: string } | null;

/** The guest's saved definition as XML: edit, preview the line diff, define. libvirt's refusal is shown as it says it. */
export function XmlTab({ g, canManage }: { g: GuestRef; canManage: boolean }) {
  const t = useTranslations("hardware.xml");
  const issueText = useIssueText();
  const queryClient = useQueryClient();
  const toast = useToast();
  const loaded = useQuery({ queryKey: hardwareKeys.xml(g), queryFn: () => api<Loaded>(xmlPath(g)) });
  const [draft, setDraft] = useState<Draft>(null);
  const [preview, setPreview] = useState(false);
  const [error, setError] = useState<{ message: string; detail?: string } | null>(null);
  const define = useMutation({
    mutationFn: (body: { etag: string; xml: string }) => api<{ ok: true }>(xmlPath(g), { method: "PUT", body }),
    onSuccess: async () => {
      toast.success(t("defined"));
      setDraft(null);
      setPreview(false);
      setError(null);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: hardwareKeys.hardware(g) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.guest(g.hostId, g.uuid) }),
      ]);
    },
    onError: (e) => {
      if (e instanceof ApiRequestError) setError({ message: e.message, detail: e.fields.xml });
      else setError({ message: t("unreachable") });
    },
  });
  const base = draft?.base ?? loaded.data ?? null;
  const text = draft?.text ?? loaded.data?.xml ?? "";
  const diff = useMemo(() => (preview && base ? lineDiff(base.xml, text) : []), [preview, base, text]);

  if (loaded.isPending) return <p className="text-sm text-slate-500">{t("loading")}</p>;
  if (loaded.isError) {
    return (
      <p role="alert" className="text-sm text-red-600 dark:text-red-400">
        {t("loadFailed", { message: loaded.error.message })}
      </p>
    );
  }
  const edited = draft !== null && draft.text !== draft.base.xml;
  const stale = draft !== null && draft.base.etag !== loaded.data.etag;
  const discard = () => {
    setDraft(null);
    setPreview(false);
    setError(null);
  };
  const submit = () => {
    setError(null);
    const parsed = defineXmlSchema.safeParse({ etag: base?.etag ?? "", xml: text });
    if (!parsed.success) setError({ message: parsed.error.issues[0] ? issueText(parsed.error.issues[0]) : t("invalid") });
    else define.mutate(parsed.data);
  };

  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600 dark:text-slate-400">{canManage ? t("intro") : t("introReadOnly")}</p>
      {loaded.data.xml.includes(SECRET_PLACEHOLDER) ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {t.rich("secrets", { placeholder: SECRET_PLACEHOLDER, code: (chunks) => <code className="font-mono">{chunks}</code> })}
          {canManage ? t("secretsManage") : null}
        </p>
      ) : null}
      {stale ? (
        <Warning>
          {t.rich("stale", {
            load: (chunks) => (
              <button type="button" className="font-medium underline" onClick={discard}>
                {chunks}
              </button>
            ),
          })}
        </Warning>
      ) : null}
      <label htmlFor="guest-xml-editor" className="sr-only">
        {t("editor")}
      </label>
      <textarea
        id="guest-xml-editor"
        data-testid="guest-xml"
        value={text}
        readOnly={!canManage}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        wrap="off"
        rows={Math.min(40, Math.max(12, text.split("\n").length + 1))}
        onChange={(e) => {
          if (base) setDraft({ base, text: e.target.value });
        }}
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs leading-5 outline-none focus:border-blue-500 focus:ring-2 focus:ring-blue-500/30 dark:border-slate-600 dark:bg-slate-950"
      />
      {error ? (
        <div
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
        >
          <p className="font-medium">{t("notDefined")}</p>
          <pre className="mt-1 font-mono text-xs break-words whitespace-pre-wrap">
            {error.detail ? `${error.message}\n${error.detail}` : error.message}
          </pre>
        </div>
      ) : null}
      {canManage ? (
        <div className="flex flex-wrap gap-2">
          <Button type="button" variant="secondary" disabled={!edited} onClick={() => setPreview((p) => !p)} aria-expanded={preview}>
            {preview ? t("hideChanges") : t("previewChanges")}
          </Button>
          <Button type="button" disabled={!edited || define.isPending} onClick={submit}>
            {define.isPending ? t("defining") : t("define")}
          </Button>
          <Button type="button" variant="ghost" disabled={draft === null || define.isPending} onClick={discard}>
            {t("discard")}
          </Button>
        </div>
      ) : null}
      {preview && edited ? <XmlDiff diff={diff} /> : null}
    </div>
  );
}
