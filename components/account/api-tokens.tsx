"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "@/lib/client/api";
import { useFormErrors } from "@/lib/client/use-form-errors";
import { rolePermissions, roles, type Grant, type Role } from "@/lib/roles";
import { createTokenSchema, type TokenView } from "@/lib/validations/tokens";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { Cell, Row, Table } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { grantLabel } from "./grant-label";

const tokensKey = ["account", "tokens"] as const;

/** Roles that give nothing beyond `role`: what a token made from a grant of `role` may hold instead. */
const rolesWithin = (role: Role) => roles.filter((r) => rolePermissions[r].every((p) => rolePermissions[role].includes(p)));

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "never");

export function ApiTokens({ grants, hostNames }: { grants: Grant[]; hostNames: Map<string, string> }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const errors = useFormErrors();
  const tokens = useQuery({ queryKey: tokensKey, queryFn: () => api<TokenView[]>("/api/account/tokens") });
  const [name, setName] = useState("");
  const [days, setDays] = useState("90");
  // Per grant of the person's own: the role the token gets there, or "" for nothing.
  const [chosen, setChosen] = useState<string[]>(() => grants.map(() => ""));
  const [secret, setSecret] = useState<string | null>(null);
  // When the list was read: what has expired by then.
  const readAt = tokens.dataUpdatedAt;

  const create = useMutation({
    mutationFn: (body: unknown) => api<{ id: string; secret: string }>("/api/account/tokens", { body }),
    onSuccess: (data) => {
      setSecret(data.secret);
      setName("");
      setChosen(grants.map(() => ""));
      void queryClient.invalidateQueries({ queryKey: tokensKey });
    },
    onError: (e) => toast.error(errors.fromError(e)),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api(`/api/account/tokens/${id}`, { method: "DELETE" }),
    onSuccess: () => {
      toast.success("Token revoked");
      void queryClient.invalidateQueries({ queryKey: tokensKey });
    },
    onError: (e) => toast.error(errors.fromError(e)),
  });

  const submit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const picked = grants.flatMap((g, i) =>
      chosen[i] ? [{ role: chosen[i], scope: g.scope, hostId: g.hostId, guestUuid: g.guestUuid, tag: g.tag ?? null }] : [],
    );
    const body = errors.validate(createTokenSchema, { name, expiresInDays: Number(days), grants: picked });
    if (body) create.mutate(body);
  };

  return (
    <section
      aria-labelledby="api-tokens"
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="api-tokens" className="text-lg font-semibold">
        API tokens
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Scripts use a token in the header <code>Authorization: Bearer …</code>. A token may do only what you choose here, never more than
        you may yourself; if you lose a role, your tokens lose it at once. See the{" "}
        <a className="underline" href="/account/api">
          API reference
        </a>
        .
      </p>
      {secret ? (
        <div
          role="status"
          className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-950"
        >
          <p className="font-medium">Copy your new token now: it is shown only once.</p>
          <code data-testid="new-token" className="block font-mono text-xs break-all">
            {secret}
          </code>
          <div className="flex gap-2">
            <Button type="button" variant="secondary" onClick={() => void navigator.clipboard?.writeText(secret)}>
              Copy token
            </Button>
            <Button type="button" variant="ghost" onClick={() => setSecret(null)}>
              Done
            </Button>
          </div>
        </div>
      ) : null}
      <form onSubmit={submit} noValidate className="grid gap-3 md:grid-cols-2">
        <Field label="Token name" error={errors.fields.name} hint="What it is for, such as “nightly backup script”">
          <Input value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label="Expires after (days)" error={errors.fields.expiresInDays}>
          <Input type="number" min={1} max={366} value={days} onChange={(e) => setDays(e.target.value)} />
        </Field>
        <fieldset className="space-y-2 md:col-span-2">
          <legend className="text-sm font-medium">What the token may do</legend>
          {grants.length === 0 ? <p className="text-sm text-slate-500">You hold no roles, so a token could do nothing.</p> : null}
          {grants.map((g, i) => (
            <label key={i} className="flex flex-wrap items-center gap-2 text-sm">
              <span className="min-w-64">From your {grantLabel(g, hostNames)}:</span>
              <Select
                aria-label={`Token role from ${grantLabel(g, hostNames)}`}
                className="max-w-48"
                value={chosen[i]}
                onChange={(e) => setChosen(chosen.map((c, j) => (j === i ? e.target.value : c)))}
              >
                <option value="">nothing</option>
                {rolesWithin(g.role).map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </Select>
            </label>
          ))}
          {errors.fields.grants ? <p className="text-sm text-red-600">{errors.fields.grants}</p> : null}
        </fieldset>
        <div className="md:col-span-2">
          <Button type="submit" disabled={create.isPending}>
            Make token
          </Button>
        </div>
      </form>
      <Table
        label="Your API tokens"
        variant="plain"
        empty={tokens.isPending ? "Loading tokens…" : "No tokens yet."}
        columns={[{ label: "Name" }, { label: "May do" }, { label: "Expires" }, { label: "Last used" }, { label: "Actions", hidden: true }]}
      >
        {tokens.data?.map((t) => {
          const ended = t.revokedAt ? "revoked" : new Date(t.expiresAt).getTime() <= readAt ? "expired" : null;
          return (
            <Row key={t.id} data-testid="token-row">
              <Cell className="font-medium">{t.name}</Cell>
              <Cell>{t.grants.map((g) => grantLabel(g, hostNames)).join("; ")}</Cell>
              <Cell>{ended ?? when(t.expiresAt)}</Cell>
              <Cell>{t.lastUsedAt ? `${when(t.lastUsedAt)} from ${t.lastUsedIp}` : "never"}</Cell>
              <Cell className="text-right">
                {ended ? null : (
                  <Button type="button" variant="danger" onClick={() => revoke.mutate(t.id)} aria-label={`Revoke ${t.name}`}>
                    Revoke
                  </Button>
                )}
              </Cell>
            </Row>
          );
        })}
      </Table>
    </section>
  );
}
