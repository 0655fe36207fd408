"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { api } from "@/lib/client/api";
import { useFormErrors } from "@/lib/client/use-form-errors";
import { rolePermissions, roles, type Grant, type Role } from "@/lib/roles";
import { createTokenSchema, type TokenView } from "@/lib/validations/tokens";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { Cell, Row, Table } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { useGrantLabel } from "./grant-label";

const tokensKey = ["account", "tokens"] as const;

/** Roles that give nothing beyond `role`: what a token made from a grant of `role` may hold instead. */
const rolesWithin = (role: Role) => roles.filter((r) => rolePermissions[r].every((p) => rolePermissions[role].includes(p)));

/** Whether a token has ended, as of when the list was read. */
const endOf = (token: TokenView, readAt: number): "revoked" | "expired" | null =>
  token.revokedAt ? "revoked" : new Date(token.expiresAt).getTime() <= readAt ? "expired" : null;

export function ApiTokens({ grants, hostNames }: { grants: Grant[]; hostNames: Map<string, string> }) {
  const t = useTranslations("account.tokens");
  const tRoles = useTranslations("roles");
  const format = useFormatter();
  const grantLabel = useGrantLabel(hostNames);
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
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
      toast.success(t("revokedToast"));
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
        {t("title")}
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {t.rich("intro", {
          code: (chunks) => <code>{chunks}</code>,
          link: (chunks) => (
            <a className="underline" href="/account/api">
              {chunks}
            </a>
          ),
        })}
      </p>
      {secret ? (
        <div
          role="status"
          className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-950"
        >
          <p className="font-medium">{t("copyNow")}</p>
          <code data-testid="new-token" className="block font-mono text-xs break-all">
            {secret}
          </code>
          <div className="flex gap-2">
            <Button type="button" variant="secondary" onClick={() => void navigator.clipboard?.writeText(secret)}>
              {t("copy")}
            </Button>
            <Button type="button" variant="ghost" onClick={() => setSecret(null)}>
              {t("done")}
            </Button>
          </div>
        </div>
      ) : null}
      <form onSubmit={submit} noValidate className="grid gap-3 md:grid-cols-2">
        <Field label={t("name")} error={errors.fields.name} hint={t("nameHint")}>
          <Input value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label={t("expires")} error={errors.fields.expiresInDays}>
          <Input type="number" min={1} max={366} value={days} onChange={(e) => setDays(e.target.value)} />
        </Field>
        <fieldset className="space-y-2 md:col-span-2">
          <legend className="text-sm font-medium">{t("mayDoLegend")}</legend>
          {grants.length === 0 ? <p className="text-sm text-slate-500">{t("noRoles")}</p> : null}
          {grants.map((g, i) => (
            <label key={i} className="flex flex-wrap items-center gap-2 text-sm">
              <span className="min-w-64">{t("fromGrant", { grant: grantLabel(g) })}</span>
              <Select
                aria-label={t("roleFrom", { grant: grantLabel(g) })}
                className="max-w-48"
                value={chosen[i]}
                onChange={(e) => setChosen(chosen.map((c, j) => (j === i ? e.target.value : c)))}
              >
                <option value="">{t("nothing")}</option>
                {rolesWithin(g.role).map((r) => (
                  <option key={r} value={r}>
                    {tRoles(`name.${r}`)}
                  </option>
                ))}
              </Select>
            </label>
          ))}
          {errors.fields.grants ? <p className="text-sm text-red-600">{errors.fields.grants}</p> : null}
        </fieldset>
        <div className="md:col-span-2">
          <Button type="submit" disabled={create.isPending}>
            {t("make")}
          </Button>
        </div>
      </form>
      <Table
        label={t("tableLabel")}
        variant="plain"
        empty={tokens.isPending ? t("loading") : t("none")}
        columns={[
          { label: t("colName") },
          { label: t("colMayDo") },
          { label: t("colExpires") },
          { label: t("colLastUsed") },
          { label: t("colActions"), hidden: true },
        ]}
      >
        {tokens.data?.map((token) => {
          const ended = endOf(token, readAt);
          return (
            <Row key={token.id} data-testid="token-row">
              <Cell className="font-medium">{token.name}</Cell>
              <Cell>{token.grants.map((g) => grantLabel(g)).join("; ")}</Cell>
              <Cell>{ended ? t(ended) : when(token.expiresAt)}</Cell>
              <Cell>{token.lastUsedAt ? t("usedFrom", { when: when(token.lastUsedAt), ip: token.lastUsedIp ?? "" }) : t("never")}</Cell>
              <Cell className="text-right">
                {ended ? null : (
                  <Button
                    type="button"
                    variant="danger"
                    onClick={() => revoke.mutate(token.id)}
                    aria-label={t("revokeNamed", { name: token.name })}
                  >
                    {t("revoke")}
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
