"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { api } from "@/lib/client/api";
import { addressRuleWords, sayFetch } from "@/lib/i18n/fetch-words";
import { useFormErrors } from "@/lib/client/use-form-errors";
import { settingsSchema, splitNetworkList } from "@/lib/validations/settings";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { roles, type Role } from "@/lib/roles";

type SettingState<T> = { value: T; saved: boolean; fallback: T };
type SettingsState = { fetchAllowedNetworks: SettingState<string[]>; twoFactorRoles: SettingState<Role[]> };
export type AddressRuleView = { id: string; networks: string[]; allowable: boolean };

const settingsKey = ["admin", "settings"] as const;
/** The environment variable that gives the default (named, not translated). */
const ENV_NAME = "FETCH_ALLOWED_NETWORKS";

export function SettingsAdmin({ rules }: { rules: AddressRuleView[] }) {
  const t = useTranslations("settingsAdmin");
  const settings = useQuery({ queryKey: settingsKey, queryFn: () => api<SettingsState>("/api/admin/settings") });
  if (settings.isPending) return <p className="text-sm text-slate-500">{t("loading")}</p>;
  if (settings.error)
    return (
      <p role="alert" className="text-sm text-red-600">
        {settings.error.message}
      </p>
    );
  const state = settings.data.fetchAllowedNetworks;
  const twoFactor = settings.data.twoFactorRoles;
  // Keyed by the stored value: a save (or another admin's, on reload) starts the form afresh.
  return (
    <div className="space-y-6">
      <AllowedNetworks key={state.value.join(",") + String(state.saved)} state={state} rules={rules} />
      <TwoFactorRoles key={twoFactor.value.join(",")} value={twoFactor.value} />
    </div>
  );
}

/** Which roles must sign in with a second factor (people with a password here or in a directory). */
function TwoFactorRoles({ value }: { value: Role[] }) {
  const t = useTranslations("settingsAdmin");
  const tRoles = useTranslations("roles");
  const queryClient = useQueryClient();
  const toast = useToast();
  const [chosen, setChosen] = useState<Role[]>(value);
  const save = useMutation({
    mutationFn: (body: unknown) => api<SettingsState>("/api/admin/settings", { method: "PATCH", body }),
    onSuccess: (data) => {
      queryClient.setQueryData(settingsKey, data);
      toast.success(t("twoFactorSaved"));
    },
    onError: (e) => toast.error(e instanceof Error ? e.message : t("couldNotSave")),
  });
  return (
    <section
      aria-labelledby="two-factor-roles"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="two-factor-roles" className="text-lg font-semibold">
        {t("twoFactorTitle")}
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">{t("twoFactorIntro")}</p>
      {roles.map((role) => (
        <label key={role} className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={chosen.includes(role)}
            onChange={(e) => setChosen(e.target.checked ? [...chosen, role] : chosen.filter((r) => r !== role))}
          />
          <span className="font-medium">{tRoles(`name.${role}`)}</span>{" "}
          <span className="text-slate-500">{tRoles(`description.${role}`)}</span>
        </label>
      ))}
      <Button type="button" onClick={() => save.mutate({ twoFactorRoles: chosen })} disabled={save.isPending}>
        {t("twoFactorSave")}
      </Button>
    </section>
  );
}

function AllowedNetworks({ state, rules }: { state: SettingState<string[]>; rules: AddressRuleView[] }) {
  const t = useTranslations("settingsAdmin");
  const queryClient = useQueryClient();
  const toast = useToast();
  const errors = useFormErrors();
  const [text, setText] = useState(state.value.join("\n"));
  const save = useMutation({
    mutationFn: (body: unknown) => api<SettingsState>("/api/admin/settings", { method: "PATCH", body }),
    onSuccess: (data) => {
      queryClient.setQueryData(settingsKey, data);
      toast.success(t("networksSaved"));
    },
    onError: (e) => toast.error(errors.fromError(e)),
  });
  const submit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const body = errors.validate(settingsSchema, { fetchAllowedNetworks: splitNetworkList(text) });
    if (body) save.mutate(body);
  };
  const error = Object.entries(errors.fields).find(([key]) => key.startsWith("fetchAllowedNetworks"))?.[1];
  const source = state.saved
    ? t("sourceSaved")
    : state.fallback.length
      ? t("sourceDefault", { env: ENV_NAME })
      : t("sourceNone", { env: ENV_NAME });
  // A rule in the reader's words where the messages have it (keyed by its id), else as the server words it.
  const tFetch = useTranslations("fetchErrors");
  const ruleWords = (r: AddressRuleView) => sayFetch((key, values) => tFetch(key, values as never), addressRuleWords(r.id));
  return (
    <section
      aria-labelledby="fetch-networks"
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="space-y-2 text-sm">
        <h2 id="fetch-networks" className="text-lg font-semibold">
          {t("networksTitle")}
        </h2>
        <p>{t.rich("networksIntro", { code: (chunks) => <code>{chunks}</code> })}</p>
        <ul className="list-disc pl-5 text-slate-700 dark:text-slate-300">
          {rules.map((r) => (
            <li key={r.id}>{t(r.allowable ? "ruleLine" : "ruleLineAlways", { rule: ruleWords(r), networks: r.networks.join(", ") })}</li>
          ))}
          <li>{t("ownAddresses")}</li>
        </ul>
        <p>{t("allowedIntro")}</p>
      </div>
      <form onSubmit={submit} noValidate className="space-y-3">
        <Field label={t("allowed")} error={error} hint={t("allowedHint")}>
          <textarea
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={5}
            spellCheck={false}
            placeholder={t("allowedNone")}
            className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm dark:border-slate-600 dark:bg-slate-900"
          />
        </Field>
        <p className="text-xs text-slate-500" data-testid="allowed-networks-source">
          {source}
        </p>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={save.isPending}>
            {t("save")}
          </Button>
          {state.saved && (
            <Button type="button" variant="secondary" disabled={save.isPending} onClick={() => save.mutate({ fetchAllowedNetworks: null })}>
              {t("useDefault")}
            </Button>
          )}
        </div>
      </form>
    </section>
  );
}
