"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "@/lib/client/api";
import { useFormErrors } from "@/lib/client/use-form-errors";
import { formatMappings, parseMappings } from "@/lib/identity/mapping-lines";
import { ldapConfigSchema, oidcConfigSchema, providerInputSchema, type ProviderKind, type ProviderView } from "@/lib/validations/identity";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";

const providersKey = ["admin", "identity-providers"] as const;
type Host = { id: string; name: string };

/** The form's fields per kind: the config keys (from the schemas) with labels people know. */
const fields: Record<ProviderKind, { key: string; label: string; hint?: string; kind?: "checkbox" | "textarea" }[]> = {
  oidc: [
    { key: "issuer", label: "Issuer URL", hint: "Its /.well-known/openid-configuration is read; https (http only on this machine)" },
    { key: "clientId", label: "Client ID", hint: "Register the console at the provider with the redirect URI this list shows once saved" },
    { key: "scopes", label: "Scopes" },
    { key: "usernameClaim", label: "User name claim" },
    { key: "displayNameClaim", label: "Display name claim" },
    { key: "groupsClaim", label: "Groups claim", hint: "The claim listing the person's groups (e.g. groups, roles)" },
  ],
  ldap: [
    { key: "url", label: "Server", hint: "ldaps://ldap.example.org, or ldap://… with StartTLS" },
    { key: "startTls", label: "Use StartTLS", kind: "checkbox" },
    {
      key: "caCertificate",
      label: "CA certificate (PEM)",
      hint: "When the server's certificate is not signed by a CA the system trusts",
      kind: "textarea",
    },
    { key: "bindDn", label: "Search account DN", hint: "Empty for an anonymous search; its password is the secret below" },
    { key: "userBase", label: "Where people are (base DN)" },
    { key: "userFilter", label: "Person filter", hint: "{username} is what is typed; Active Directory: (sAMAccountName={username})" },
    { key: "displayNameAttribute", label: "Display name attribute" },
    { key: "groupBase", label: "Where groups are (base DN)", hint: "Empty: groups are not read" },
    { key: "groupFilter", label: "Group filter", hint: "{dn} is the person's DN" },
    { key: "groupNameAttribute", label: "Group name attribute" },
    { key: "nestedGroups", label: "Follow nested groups (groups in groups, as in Active Directory)", kind: "checkbox" },
  ],
};

export function IdentityAdmin() {
  const providers = useQuery({ queryKey: providersKey, queryFn: () => api<ProviderView[]>("/api/admin/identity-providers") });
  const hosts = useQuery({ queryKey: ["hosts"], queryFn: () => api<{ hosts: Host[] }>("/api/hosts") });
  const [editing, setEditing] = useState<ProviderView | { kind: ProviderKind } | null>(null);
  if (providers.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
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
            <span className="text-slate-500">{p.kind === "oidc" ? "OpenID Connect" : "LDAP / Active Directory"}</span>
            {p.enabled ? null : <span className="text-amber-700">off</span>}
            {p.redirectPath ? (
              <span className="text-xs text-slate-500">Redirect URI: {window.location.origin + p.redirectPath}</span>
            ) : null}
            <Button variant="secondary" type="button" onClick={() => setEditing(p)}>
              Edit
            </Button>
          </li>
        ))}
      </ul>
      <div className="flex gap-2">
        <Button type="button" onClick={() => setEditing({ kind: "oidc" })}>
          Add OpenID Connect provider
        </Button>
        <Button type="button" onClick={() => setEditing({ kind: "ldap" })}>
          Add LDAP or Active Directory
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
  const invalidate = () => void queryClient.invalidateQueries({ queryKey: providersKey });
  const save = useMutation({
    mutationFn: (body: unknown) =>
      existing
        ? api(`/api/admin/identity-providers/${existing.id}`, { method: "PUT", body })
        : api("/api/admin/identity-providers", { body }),
    onSuccess: () => {
      toast.success("Provider saved");
      invalidate();
      onDone();
    },
    onError: (e) => toast.error(errors.fromError(e)),
  });
  const remove = useMutation({
    mutationFn: () => api(`/api/admin/identity-providers/${existing?.id}`, { method: "DELETE" }),
    onSuccess: () => {
      toast.success("Provider removed");
      invalidate();
      onDone();
    },
    onError: (e) => toast.error(errors.fromError(e)),
  });
  const submit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const parsed = parseMappings(mappings, hosts);
    if ("error" in parsed) return toast.error(parsed.error);
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
      <Field label="Name" error={errors.fields.name} hint="Shown on the sign-in button">
        <Input value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> People may sign in through it
      </label>
      {fields[provider.kind].map((f) =>
        f.kind === "checkbox" ? (
          <label key={f.key} className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={Boolean(config[f.key])} onChange={(e) => setConfig({ ...config, [f.key]: e.target.checked })} />{" "}
            {f.label}
          </label>
        ) : (
          <Field key={f.key} label={f.label} hint={f.hint} error={errors.fields[`config.${f.key}`]}>
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
      <Field
        label={provider.kind === "oidc" ? "Client secret" : "Search account password"}
        hint={existing?.hasSecret ? "A secret is stored; leave empty to keep it" : "Empty for none"}
      >
        <Input type="password" autoComplete="off" value={secret} onChange={(e) => setSecret(e.target.value)} />
      </Field>
      <Field
        label="Groups and the roles they give"
        hint="One per line: “group = role”, “group = role @host” or “group = role @host/guest-uuid”"
      >
        <textarea
          aria-label="Group mappings"
          className="h-32 w-full rounded-md border border-slate-300 p-2 font-mono text-xs dark:border-slate-600 dark:bg-slate-900"
          value={mappings}
          onChange={(e) => setMappings(e.target.value)}
        />
      </Field>
      <div className="flex gap-2 md:col-span-2">
        <Button type="submit" disabled={save.isPending}>
          Save provider
        </Button>
        <Button type="button" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        {existing ? (
          <Button
            type="button"
            variant="danger"
            onClick={() =>
              window.confirm(`Remove ${existing.name}? People who sign in through it lose the roles its groups gave.`) && remove.mutate()
            }
          >
            Remove provider
          </Button>
        ) : null}
      </div>
    </form>
  );
}
