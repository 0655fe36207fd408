"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { api } from "@/lib/client/api";
import { useFormErrors } from "@/lib/client/use-form-errors";
import { formatMappings, parseMappings, type MappingProblem } from "@/lib/identity/mapping-lines";
import { roles } from "@/lib/roles";
import { ldapConfigSchema, oidcConfigSchema, providerInputSchema, type ProviderKind, type ProviderView } from "@/lib/validations/identity";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";

const providersKey = ["admin", "identity-providers"] as const;
type Host = { id: string; name: string };

type FieldKey =
  | "issuer"
  | "clientId"
  | "scopes"
  | "usernameClaim"
  | "displayNameClaim"
  | "groupsClaim"
  | "url"
  | "startTls"
  | "caCertificate"
  | "bindDn"
  | "userBase"
  | "userFilter"
  | "displayNameAttribute"
  | "groupBase"
  | "groupFilter"
  | "groupNameAttribute"
  | "nestedGroups";
type HintKey = "issuer" | "clientId" | "groupsClaim" | "url" | "caCertificate" | "bindDn" | "userFilter" | "groupBase" | "groupFilter";

/** The form's fields per kind: the config keys (from the schemas); their labels and hints are messages keyed by them. */
const fields: Record<ProviderKind, { key: FieldKey; hint?: HintKey; kind?: "checkbox" | "textarea" }[]> = {
  oidc: [
    { key: "issuer", hint: "issuer" },
    { key: "clientId", hint: "clientId" },
    { key: "scopes" },
    { key: "usernameClaim" },
    { key: "displayNameClaim" },
    { key: "groupsClaim", hint: "groupsClaim" },
  ],
  ldap: [
    { key: "url", hint: "url" },
    { key: "startTls", kind: "checkbox" },
    { key: "caCertificate", hint: "caCertificate", kind: "textarea" },
    { key: "bindDn", hint: "bindDn" },
    { key: "userBase" },
    { key: "userFilter", hint: "userFilter" },
    { key: "displayNameAttribute" },
    { key: "groupBase", hint: "groupBase" },
    { key: "groupFilter", hint: "groupFilter" },
    { key: "groupNameAttribute" },
    { key: "nestedGroups", kind: "checkbox" },
  ],
};

export function IdentityAdmin() {
  const t = useTranslations("identityAdmin");
  const providers = useQuery({ queryKey: providersKey, queryFn: () => api<ProviderView[]>("/api/admin/identity-providers") });
  const hosts = useQuery({ queryKey: ["hosts"], queryFn: () => api<{ hosts: Host[] }>("/api/hosts") });
  const [editing, setEditing] = useState<ProviderView | { kind: ProviderKind } | null>(null);
  if (providers.isPending) return <p className="text-sm text-slate-500">{t("loading")}</p>;
  const hostList = hosts.data?.hosts ?? [];
  return (
    <div className="space-y-4">
      <ul className="space-y-2">
        {providers.data?.map((p) => (
          <li
            key={p.id}
            data-testid="provider-row"
            className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-800"
          >
            <span className="font-medium">{p.name}</span>
            <span className="text-slate-500">{t(`kind.${p.kind}`)}</span>
            {p.enabled ? null : <span className="text-amber-700">{t("off")}</span>}
            {p.redirectPath ? (
              <span className="text-xs text-slate-500">{t("redirectUri", { uri: window.location.origin + p.redirectPath })}</span>
            ) : null}
            <Button variant="secondary" type="button" onClick={() => setEditing(p)}>
              {t("edit")}
            </Button>
          </li>
        ))}
      </ul>
      <div className="flex gap-2">
        <Button type="button" onClick={() => setEditing({ kind: "oidc" })}>
          {t("addOidc")}
        </Button>
        <Button type="button" onClick={() => setEditing({ kind: "ldap" })}>
          {t("addLdap")}
        </Button>
      </div>
      {editing ? (
        <ProviderForm
          key={"id" in editing ? editing.id : editing.kind}
          provider={editing}
          hosts={hostList}
          onDone={() => setEditing(null)}
        />
      ) : null}
    </div>
  );
}

function ProviderForm({ provider, hosts, onDone }: { provider: ProviderView | { kind: ProviderKind }; hosts: Host[]; onDone: () => void }) {
  const t = useTranslations("identityAdmin");
  const queryClient = useQueryClient();
  const toast = useToast();
  const errors = useFormErrors();
  const existing = "id" in provider ? provider : null;
  const defaults = (provider.kind === "oidc" ? oidcConfigSchema : ldapConfigSchema).partial().parse({}) as Record<string, unknown>;
  const [config, setConfig] = useState<Record<string, unknown>>({ ...defaults, ...(existing?.config ?? {}) });
  const [name, setName] = useState(existing?.name ?? "");
  const [enabled, setEnabled] = useState(existing?.enabled ?? true);
  const [secret, setSecret] = useState("");
  const [mappings, setMappings] = useState(formatMappings(existing?.config.mappings ?? [], hosts));
  // Role names stay as typed in the mappings (admin, operator, …): they are what the admin writes.
  const problemText = (p: MappingProblem) =>
    p.key === "notRole"
      ? t("mappingError.notRole", { line: p.line, role: p.role, roles: roles.join(", ") })
      : p.key === "noHost"
        ? t("mappingError.noHost", { line: p.line, host: p.host })
        : t("mappingError.unreadable", { line: p.line });
  const invalidate = () => void queryClient.invalidateQueries({ queryKey: providersKey });
  const save = useMutation({
    mutationFn: (body: unknown) =>
      existing
        ? api(`/api/admin/identity-providers/${existing.id}`, { method: "PUT", body })
        : api("/api/admin/identity-providers", { body }),
    onSuccess: () => {
      toast.success(t("saved"));
      invalidate();
      onDone();
    },
    onError: (e) => toast.error(errors.fromError(e)),
  });
  const remove = useMutation({
    mutationFn: () => api(`/api/admin/identity-providers/${existing?.id}`, { method: "DELETE" }),
    onSuccess: () => {
      toast.success(t("removed"));
      invalidate();
      onDone();
    },
    onError: (e) => toast.error(errors.fromError(e)),
  });
  const submit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const parsed = parseMappings(mappings, hosts);
    if ("error" in parsed) return toast.error(problemText(parsed.error));
    const body = errors.validate(providerInputSchema, {
      kind: provider.kind,
      name,
      enabled,
      config: { ...config, mappings: parsed.mappings },
      ...(secret ? { secret } : {}),
    });
    if (body) save.mutate(body);
  };
  return (
    <form
      onSubmit={submit}
      noValidate
      className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-2 dark:border-slate-800 dark:bg-slate-900"
    >
      <Field label={t("name")} error={errors.fields.name} hint={t("nameHint")}>
        <Input value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> {t("enabled")}
      </label>
      {fields[provider.kind].map((f) =>
        f.kind === "checkbox" ? (
          <label key={f.key} className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={Boolean(config[f.key])} onChange={(e) => setConfig({ ...config, [f.key]: e.target.checked })} />{" "}
            {t(`field.${f.key}`)}
          </label>
        ) : (
          <Field
            key={f.key}
            label={t(`field.${f.key}`)}
            hint={f.hint ? t(`hint.${f.hint}`) : undefined}
            error={errors.fields[`config.${f.key}`]}
          >
            {f.kind === "textarea" ? (
              <textarea
                className="h-24 w-full rounded-md border border-slate-300 p-2 font-mono text-xs dark:border-slate-600 dark:bg-slate-900"
                value={String(config[f.key] ?? "")}
                onChange={(e) => setConfig({ ...config, [f.key]: e.target.value })}
              />
            ) : (
              <Input value={String(config[f.key] ?? "")} onChange={(e) => setConfig({ ...config, [f.key]: e.target.value })} />
            )}
          </Field>
        ),
      )}
      <Field label={t(`secret.${provider.kind}`)} hint={existing?.hasSecret ? t("secretStored") : t("secretNone")}>
        <Input type="password" autoComplete="off" value={secret} onChange={(e) => setSecret(e.target.value)} />
      </Field>
      <Field label={t("mappings")} hint={t("mappingsHint")}>
        <textarea
          aria-label={t("mappingsLabel")}
          className="h-32 w-full rounded-md border border-slate-300 p-2 font-mono text-xs dark:border-slate-600 dark:bg-slate-900"
          value={mappings}
          onChange={(e) => setMappings(e.target.value)}
        />
      </Field>
      <div className="flex gap-2 md:col-span-2">
        <Button type="submit" disabled={save.isPending}>
          {t("save")}
        </Button>
        <Button type="button" variant="secondary" onClick={onDone}>
          {t("cancel")}
        </Button>
        {existing ? (
          <Button
            type="button"
            variant="danger"
            onClick={() => window.confirm(t("removeConfirm", { name: existing.name })) && remove.mutate()}
          >
            {t("remove")}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
