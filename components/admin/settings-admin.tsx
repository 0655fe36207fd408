"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { api } from "@/lib/client/api";
import { useFormErrors } from "@/lib/client/use-form-errors";
import { settingsSchema, splitNetworkList } from "@/lib/validations/settings";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { roles, type Role } from "@/lib/roles";

type SettingState<T> = { value: T; saved: boolean; fallback: T };
type SettingsState = { fetchAllowedNetworks: SettingState<string[]>; twoFactorRoles: SettingState<Role[]> };
export type AddressRuleView = { words: string; networks: string[]; allowable: boolean };

const settingsKey = ["admin", "settings"] as const;

export function SettingsAdmin({ rules }: { rules: AddressRuleView[] }) {
  const settings = useQuery({ queryKey: settingsKey, queryFn: () => api<SettingsState>("/api/admin/settings") });
  if (settings.isPending) return <p className="text-sm text-slate-500">Loading settings…</p>;
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
  const tRoles = useTranslations("roles");
  const queryClient = useQueryClient();
  const toast = useToast();
  const [chosen, setChosen] = useState<Role[]>(value);
  const save = useMutation({
    mutationFn: (body: unknown) => api<SettingsState>("/api/admin/settings", { method: "PATCH", body }),
    onSuccess: (data) => {
      queryClient.setQueryData(settingsKey, data);
      toast.success("Two-factor rule saved");
    },
    onError: (e) => toast.error(e instanceof Error ? e.message : "Could not save"),
  });
  return (
    <section
      aria-labelledby="two-factor-roles"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="two-factor-roles" className="text-lg font-semibold">
        Roles that must use two-factor sign-in
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Whoever holds one of these roles (anywhere) signs in with a code from an authenticator app after their password, and sets one up at
        their next sign-in if they have none. People who sign in through OpenID Connect use their provider&apos;s own second factor.
      </p>
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
        Save two-factor rule
      </Button>
    </section>
  );
}

function AllowedNetworks({ state, rules }: { state: SettingState<string[]>; rules: AddressRuleView[] }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const errors = useFormErrors();
  const [text, setText] = useState(state.value.join("\n"));
  const save = useMutation({
    mutationFn: (body: unknown) => api<SettingsState>("/api/admin/settings", { method: "PATCH", body }),
    onSuccess: (data) => {
      queryClient.setQueryData(settingsKey, data);
      toast.success("Allowed networks saved");
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
    ? "Saved by an administrator."
    : state.fallback.length
      ? "Not saved here yet: this is the default from FETCH_ALLOWED_NETWORKS."
      : "Not saved here yet, and FETCH_ALLOWED_NETWORKS sets no default: nothing is allowed.";
  return (
    <section
      aria-labelledby="fetch-networks"
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="space-y-2 text-sm">
        <h2 id="fetch-networks" className="text-lg font-semibold">
          Networks the console may download from
        </h2>
        <p>
          The console itself downloads what people point it to: the <code>.treeinfo</code>, kernel and initrd of a network install tree
          (HTTP, HTTPS, FTP, NFS). So that nobody can use it to reach what only the console&apos;s machine can reach, it refuses these
          addresses, also after a redirect and whatever a name resolves to:
        </p>
        <ul className="list-disc pl-5 text-slate-700 dark:text-slate-300">
          {rules.map((r) => (
            <li key={r.words}>
              {r.words}: {r.networks.join(", ")}
              {r.allowable ? "" : " (always refused)"}
            </li>
          ))}
          <li>the addresses of the console&apos;s own machine</li>
        </ul>
        <p>Networks listed here are allowed all the same, for example a mirror on your own network.</p>
      </div>
      <form onSubmit={submit} noValidate className="space-y-3">
        <Field
          label="Allowed networks"
          error={error}
          hint="One per line: an address with a prefix length, such as 10.20.0.0/16 or fd00:1::/64 (a single address: 10.20.0.8/32)."
        >
          <textarea
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={5}
            spellCheck={false}
            placeholder="None"
            className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm dark:border-slate-600 dark:bg-slate-900"
          />
        </Field>
        <p className="text-xs text-slate-500" data-testid="allowed-networks-source">
          {source}
        </p>
        <Button type="submit" disabled={save.isPending}>
          Save
        </Button>
      </form>
    </section>
  );
}
