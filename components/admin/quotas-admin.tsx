"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { QuotaMeters } from "@/components/quotas/quota-meters";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { api } from "@/lib/client/api";
import { useFormErrors } from "@/lib/client/use-form-errors";
import type { QuotaRow } from "@/lib/quotas/portal";
import { quotaKinds, quotaResources, type QuotaKind, type QuotaResource } from "@/lib/quotas/quota";
import { quotaSchema } from "@/lib/validations/quotas";

const quotasKey = ["admin", "quotas"] as const;

/** Admin → Quotas: each person's or group's limits with what they have made, a form to set one, and removal. */
export function QuotasAdmin() {
  const t = useTranslations("quotas");
  const format = useFormatter();
  const queryClient = useQueryClient();
  const toast = useToast();
  const quotas = useQuery({ queryKey: quotasKey, queryFn: () => api<QuotaRow[]>("/api/admin/quotas") });
  const remove = useMutation({
    mutationFn: (id: string) => api(`/api/admin/quotas/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: quotasKey });
      toast.success(t("removed"));
    },
    onError: (e) => toast.error(e.message),
  });
  return (
    <div className="space-y-6">
      <QuotaForm onSaved={() => void queryClient.invalidateQueries({ queryKey: quotasKey })} />
      {quotas.error ? (
        <p role="alert" className="text-sm text-red-600">
          {quotas.error.message}
        </p>
      ) : null}
      {quotas.data?.length === 0 ? <p className="text-sm text-slate-600 dark:text-slate-400">{t("noneYet")}</p> : null}
      <ul className="space-y-3">
        {quotas.data?.map((q) => {
          const label = q.kind === "user" ? t("person", { name: q.subject }) : t("groups", { group: q.subject });
          return (
            <li
              key={q.id}
              className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
              data-testid="quota-row"
            >
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h3 className="font-medium">{label}</h3>
                <span className="text-xs text-slate-500">
                  {t("setBy", {
                    name: q.updatedBy,
                    at: format.dateTime(new Date(q.updatedAt), { dateStyle: "medium", timeStyle: "short" }),
                  })}
                </span>
              </div>
              <QuotaMeters limits={q.limits} used={q.used} label={label} />
              <Button
                variant="secondary"
                onClick={() => remove.mutate(q.id)}
                disabled={remove.isPending}
                aria-label={t("removeNamed", { quota: label })}
              >
                {t("remove")}
              </Button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function QuotaForm({ onSaved }: { onSaved: () => void }) {
  const t = useTranslations("quotas");
  const toast = useToast();
  const errors = useFormErrors();
  const [kind, setKind] = useState<QuotaKind>("user");
  const [subject, setSubject] = useState("");
  const [limits, setLimits] = useState<Record<QuotaResource, string>>({ vcpus: "", memoryMiB: "", diskGiB: "" });
  const save = useMutation({
    mutationFn: (body: unknown) => api("/api/admin/quotas", { method: "POST", body }),
    onSuccess: () => {
      toast.success(t("saved"));
      onSaved();
    },
    onError: (e) => toast.error(errors.fromError(e)),
  });
  const submit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    // An empty field is no limit.
    const numbers = Object.fromEntries(quotaResources.map((r) => [r, limits[r].trim() === "" ? null : Number(limits[r])]));
    const body = errors.validate(quotaSchema, { kind, subject, ...numbers });
    if (body) save.mutate(body);
  };
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-labelledby="set-quota"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="set-quota" className="text-lg font-semibold">
        {t("setTitle")}
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">{t("setIntro")}</p>
      <fieldset className="flex flex-wrap gap-4 text-sm">
        <legend className="sr-only">{t("kindLegend")}</legend>
        {quotaKinds.map((k) => (
          <label key={k} className="flex items-center gap-2">
            <input type="radio" name="quota-kind" checked={kind === k} onChange={() => setKind(k)} />
            {t(`kind.${k}`)}
          </label>
        ))}
      </fieldset>
      <Field label={kind === "user" ? t("subjectUser") : t("subjectGroup")} error={errors.fields.subject}>
        <Input value={subject} onChange={(e) => setSubject(e.target.value)} />
      </Field>
      <div className="grid gap-3 sm:grid-cols-3">
        {quotaResources.map((r) => (
          <Field key={r} label={t(`limit.${r}`)} error={errors.fields[r]} hint={t("emptyNoLimit")}>
            <Input type="number" min={0} value={limits[r]} onChange={(e) => setLimits({ ...limits, [r]: e.target.value })} />
          </Field>
        ))}
      </div>
      <Button type="submit" disabled={save.isPending}>
        {t("save")}
      </Button>
    </form>
  );
}
