"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { api, ApiRequestError } from "@/lib/client/api";
import { useIssueText } from "@/lib/client/use-issue-text";
import { usageGroupings, type UsageGrouping } from "@/lib/reports/usage";
import { usageMailSchema, type UsageMailSettings } from "@/lib/validations/reports";

const KEY = ["usage-mail"];

/** Admins: who gets the usage report of the month before by e-mail on the 1st of each month. */
export function UsageMailForm() {
  const stored = useQuery({ queryKey: KEY, queryFn: () => api<UsageMailSettings>("/api/reports/usage/mail") });
  if (stored.isError) return <p role="alert">{stored.error.message}</p>;
  return stored.data ? <MailForm stored={stored.data} /> : null;
}

function MailForm({ stored }: { stored: UsageMailSettings }) {
  const t = useTranslations("reports");
  const queryClient = useQueryClient();
  const toast = useToast();
  const [enabled, setEnabled] = useState(stored.enabled);
  const [recipients, setRecipients] = useState(stored.recipients.join(", "));
  const [groupBy, setGroupBy] = useState<UsageGrouping>(stored.groupBy);
  const [error, setError] = useState<string | null>(null);
  const issueText = useIssueText();

  const save = useMutation({
    mutationFn: (body: UsageMailSettings) => api<UsageMailSettings>("/api/reports/usage/mail", { method: "PUT", body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: KEY });
      toast.success(t("mail.saved"));
    },
    onError: (e) => setError(e instanceof ApiRequestError ? e.message : String(e)),
  });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const list = recipients
      .split(/[\s,;]+/)
      .map((r) => r.trim())
      .filter(Boolean);
    const parsed = usageMailSchema.safeParse({ enabled, recipients: list, groupBy });
    if (!parsed.success) return setError(parsed.error.issues[0] ? issueText(parsed.error.issues[0]) : t("mail.checkForm"));
    setError(null);
    save.mutate(parsed.data);
  };

  return (
    <form
      onSubmit={submit}
      aria-label={t("mail.formLabel")}
      className="print-hidden grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 className="text-sm font-semibold sm:col-span-2">{t("mail.title")}</h2>
      <p className="text-sm text-slate-600 sm:col-span-2 dark:text-slate-400">{t("mail.explain")}</p>
      <label className="flex items-center gap-2 text-sm sm:col-span-2">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> {t("mail.send")}
      </label>
      <Field label={t("mail.to")} hint={t("mail.toHint")}>
        <Input value={recipients} onChange={(e) => setRecipients(e.target.value)} />
      </Field>
      <Field label={t("mail.groupedBy")}>
        <Select value={groupBy} onChange={(e) => setGroupBy(e.target.value as UsageGrouping)}>
          {usageGroupings.map((g) => (
            <option key={g} value={g}>
              {t(`usage.grouping.${g}`)}
            </option>
          ))}
        </Select>
      </Field>
      {error ? (
        <p role="alert" className="text-sm text-red-600 sm:col-span-2">
          {error}
        </p>
      ) : null}
      <div className="sm:col-span-2">
        <Button type="submit" disabled={save.isPending}>
          {t("mail.save")}
        </Button>
      </div>
    </form>
  );
}
