"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { api, ApiRequestError } from "@/lib/client/api";
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
  const queryClient = useQueryClient();
  const toast = useToast();
  const [enabled, setEnabled] = useState(stored.enabled);
  const [recipients, setRecipients] = useState(stored.recipients.join(", "));
  const [groupBy, setGroupBy] = useState<UsageGrouping>(stored.groupBy);
  const [error, setError] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: (body: UsageMailSettings) => api<UsageMailSettings>("/api/reports/usage/mail", { method: "PUT", body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: KEY });
      toast.success("Monthly report saved");
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
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? "Check the form");
    setError(null);
    save.mutate(parsed.data);
  };

  return (
    <form
      onSubmit={submit}
      aria-label="Monthly usage report by e-mail"
      className="print-hidden grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 className="text-sm font-semibold sm:col-span-2">Monthly report by e-mail</h2>
      <p className="text-sm text-slate-600 sm:col-span-2 dark:text-slate-400">
        On the 1st of each month at 06:00 UTC, the usage of the month before is sent to these addresses, with the mail server set under
        Admin → Settings.
      </p>
      <label className="flex items-center gap-2 text-sm sm:col-span-2">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> Send the monthly report
      </label>
      <Field label="To" hint="E-mail addresses, separated by commas">
        <Input value={recipients} onChange={(e) => setRecipients(e.target.value)} />
      </Field>
      <Field label="Grouped by">
        <Select value={groupBy} onChange={(e) => setGroupBy(e.target.value as UsageGrouping)}>
          {usageGroupings.map((g) => (
            <option key={g} value={g}>
              {g}
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
          Save
        </Button>
      </div>
    </form>
  );
}
