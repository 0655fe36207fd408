"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useIssueText } from "@/lib/client/use-issue-text";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { api, ApiRequestError } from "@/lib/client/api";
import type { CloudInitSnippet } from "@/lib/new-guest/cloud-init";
import { yamlProblem } from "@/lib/validations/cloud-init";
import { textareaClass } from "./cloud-init-section";

const SNIPPETS = ["cloud-init-snippets"];

/** The raw user-data editor: YAML checked as it is typed (the line of a parse error), and saved snippets to start from. */
export function RawUserData({ value, onChange, error }: { value: string; onChange: (text: string) => void; error?: string }) {
  const t = useTranslations("newGuest.cloudInit");
  const tAll = useTranslations("newGuest");
  const issueText = useIssueText();
  const queryClient = useQueryClient();
  const snippets = useQuery({ queryKey: SNIPPETS, queryFn: () => api<{ snippets: CloudInitSnippet[] }>("/api/cloud-init/snippets") });
  const [chosen, setChosen] = useState("");
  const [name, setName] = useState("");
  const [saveError, setSaveError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: SNIPPETS });
  const save = useMutation({
    mutationFn: () => api<{ id: string }>("/api/cloud-init/snippets", { body: { name, userData: value } }),
    onSuccess: async () => {
      setName("");
      setSaveError(null);
      await refresh();
    },
    onError: (err) => setSaveError(err instanceof ApiRequestError ? (Object.values(err.fields)[0] ?? err.message) : err.message),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api(`/api/cloud-init/snippets/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: async () => {
      setChosen("");
      await refresh();
    },
  });
  const live = yamlProblem(value);
  const list = snippets.data?.snippets ?? [];
  const picked = list.find((s) => s.id === chosen);
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-end gap-2">
        <Field label={t("snippets")}>
          <Select value={chosen} onChange={(e) => setChosen(e.target.value)}>
            <option value="">{list.length ? tAll("choose") : t("noneSaved")}</option>
            {list.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="button" variant="secondary" disabled={!picked} onClick={() => picked && onChange(picked.userData)}>
          {t("useSnippet")}
        </Button>
        <Button type="button" variant="secondary" disabled={!picked || remove.isPending} onClick={() => picked && remove.mutate(picked.id)}>
          {t("deleteSnippet")}
        </Button>
      </div>
      <Field label={t("userData")} error={error ?? (live ? issueText(live) : undefined)}>
        <textarea className={textareaClass} rows={10} spellCheck={false} value={value} onChange={(e) => onChange(e.target.value)} />
      </Field>
      <div className="flex flex-wrap items-end gap-2">
        <Field label={t("saveAs")} error={saveError ?? undefined}>
          <Input value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Button type="button" variant="secondary" disabled={!name.trim() || live !== null || save.isPending} onClick={() => save.mutate()}>
          {t("saveSnippet")}
        </Button>
      </div>
    </div>
  );
}
