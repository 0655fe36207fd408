"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import {
  comparisons,
  concernOf,
  eventTargets,
  forecastTargets,
  metricTargets,
  type EventTarget,
  type ForecastTarget,
  type MetricTarget,
} from "@/lib/alerts/rules";
import { scopesFor, type RuleScope } from "@/lib/alerts/scopes";
import { resolvesText, targetText } from "@/lib/alerts/words";
import { api, ApiRequestError } from "@/lib/client/api";
import { useIssueText } from "@/lib/client/use-issue-text";
import { alertRuleSchema } from "@/lib/validations/alerts";
import { alertsKey } from "./alert-table";

type HostOption = { id: string; name: string };

const targetChoices = [
  ...Object.keys(metricTargets).map((value) => ({ value, kind: "metric" as const })),
  ...Object.keys(eventTargets).map((value) => ({ value, kind: "event" as const })),
  ...Object.keys(forecastTargets).map((value) => ({ value, kind: "forecast" as const })),
];

/** A new alert rule: what to watch, on what, and where its alerts go besides the people who choose it. */
export function RuleForm({ onDone }: { onDone: () => void }) {
  const t = useTranslations("alerts");
  const tWords = useTranslations("alertWords");
  const queryClient = useQueryClient();
  const toast = useToast();
  const hosts = useQuery({ queryKey: ["hosts"], queryFn: () => api<{ hosts: HostOption[] }>("/api/hosts") });
  const [name, setName] = useState("");
  const [target, setTarget] = useState<string>("guest.cpu");
  const [comparison, setComparison] = useState<(typeof comparisons)[number]>("above");
  const [level, setLevel] = useState("90");
  const [duration, setDuration] = useState("5");
  const [scopeChoice, setScope] = useState<RuleScope>("global");
  const [hostId, setHostId] = useState("");
  const [guestUuid, setGuestUuid] = useState("");
  const [pool, setPool] = useState("");
  const [tag, setTag] = useState("");
  const [webhookUrl, setWebhookUrl] = useState("");
  const [webhookSecret, setWebhookSecret] = useState("");
  const [error, setError] = useState<string | null>(null);
  const issueText = useIssueText();
  const kind = target in metricTargets ? "metric" : target in forecastTargets ? "forecast" : "event";
  const unit = kind === "metric" ? metricTargets[target as MetricTarget].unit : "";
  const scopeChoices = scopesFor[concernOf(kind, target) ?? "host"];
  const scope = scopeChoices.includes(scopeChoice) ? scopeChoice : "global";

  const save = useMutation({
    mutationFn: (body: unknown) => api("/api/alerts/rules", { method: "POST", body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: alertsKey });
      toast.success(t("ruleAdded"));
      onDone();
    },
    onError: (e) => setError(e instanceof ApiRequestError ? e.message : String(e)),
  });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const scoped = { scope, hostId, guestUuid, pool, tag };
    const condition =
      kind === "metric"
        ? { kind, target: target as MetricTarget, comparison, level: Number(level), durationMinutes: Number(duration) }
        : kind === "forecast"
          ? { kind, target: target as ForecastTarget, level: Number(level) }
          : { kind, target: target as EventTarget };
    const parsed = alertRuleSchema.safeParse({ name, enabled: true, webhookUrl, webhookSecret, ...condition, ...scoped });
    if (!parsed.success) return setError(parsed.error.issues[0] ? issueText(parsed.error.issues[0]) : t("checkRule"));
    setError(null);
    save.mutate(parsed.data);
  };

  return (
    <form
      onSubmit={submit}
      aria-label={t("newRuleForm")}
      className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 dark:border-slate-800 dark:bg-slate-900"
    >
      <Field label={t("name")}>
        <Input value={name} onChange={(e) => setName(e.target.value)} required />
      </Field>
      <Field label={t("watch")}>
        <Select value={target} onChange={(e) => setTarget(e.target.value)}>
          {targetChoices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.kind === "forecast"
                ? tWords("forecastChoice", { what: targetText(tWords, c.kind, c.value) })
                : targetText(tWords, c.kind, c.value)}
            </option>
          ))}
        </Select>
      </Field>
      {kind === "metric" ? (
        <>
          <Field label={t("whenItIs")}>
            <Select value={comparison} onChange={(e) => setComparison(e.target.value === "below" ? "below" : "above")}>
              <option value="above">{t("above")}</option>
              <option value="below">{t("below")}</option>
            </Select>
          </Field>
          <Field label={t("level", { unit })}>
            <Input type="number" min={0} step="any" value={level} onChange={(e) => setLevel(e.target.value)} />
          </Field>
          <Field label={t("forMinutes")}>
            <Input type="number" min={1} value={duration} onChange={(e) => setDuration(e.target.value)} />
          </Field>
        </>
      ) : kind === "forecast" ? (
        <Field label={t("fullWithin")} hint={t("fullWithinHint")}>
          <Input type="number" min={1} step={1} value={level} onChange={(e) => setLevel(e.target.value)} />
        </Field>
      ) : (
        <p className="self-end text-sm text-slate-500">{resolvesText(tWords, target as EventTarget)}</p>
      )}
      <Field label={t("appliesTo")} hint={t("appliesToHint")}>
        <Select value={scope} onChange={(e) => setScope(scopeChoices.find((c) => c === e.target.value) ?? "global")}>
          {scopeChoices.map((c) => (
            <option key={c} value={c}>
              {t(`scopeChoice.${c}`)}
            </option>
          ))}
        </Select>
      </Field>
      {scope === "host" || scope === "guest" || scope === "pool" ? (
        <Field label={t("host")}>
          <Select value={hostId} onChange={(e) => setHostId(e.target.value)}>
            <option value="">{t("chooseHost")}</option>
            {hosts.data?.hosts.map((h) => (
              <option key={h.id} value={h.id}>
                {h.name}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      {scope === "guest" ? (
        <Field label={t("guestUuid")}>
          <Input value={guestUuid} onChange={(e) => setGuestUuid(e.target.value.trim())} />
        </Field>
      ) : null}
      {scope === "pool" ? (
        <Field label={t("poolName")}>
          <Input value={pool} onChange={(e) => setPool(e.target.value)} />
        </Field>
      ) : null}
      {scope === "tag" ? (
        <Field label={t("tag")}>
          <Input value={tag} onChange={(e) => setTag(e.target.value)} />
        </Field>
      ) : null}
      <Field label={t("webhookAddress")} hint={t("webhookAddressHint")}>
        <Input type="url" value={webhookUrl} onChange={(e) => setWebhookUrl(e.target.value)} />
      </Field>
      <Field label={t("webhookKey")} hint={t("webhookKeyHint")}>
        <Input type="password" autoComplete="off" value={webhookSecret} onChange={(e) => setWebhookSecret(e.target.value)} />
      </Field>
      {error ? (
        <p role="alert" className="text-sm text-red-600 sm:col-span-2">
          {error}
        </p>
      ) : null}
      <div className="flex gap-2 sm:col-span-2">
        <Button type="submit" disabled={save.isPending}>
          {t("addRule")}
        </Button>
        <Button type="button" variant="secondary" onClick={onDone}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}
