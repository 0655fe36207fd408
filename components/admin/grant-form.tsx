"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { api } from "@/lib/client/api";
import { useFormErrors } from "@/lib/client/use-form-errors";
import { grantScopes, roles } from "@/lib/roles";
import { grantSchema } from "@/lib/validations/users";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { usersKey } from "./users-admin";

type HostOption = { id: string; name: string };

/** Examples, not words: the same in every language. */
const EXAMPLE_UUID = "4dea22b3-1d52-d8f3-2516-782e98ab3fa0";
const EXAMPLE_TAG = "branch-berlin";

export function GrantForm({ userId, onDone }: { userId: string; onDone: () => void }) {
  const t = useTranslations("admin.users");
  const tRoles = useTranslations("roles");
  const queryClient = useQueryClient();
  const toast = useToast();
  const errors = useFormErrors();
  const [scope, setScope] = useState<(typeof grantScopes)[number]>("global");
  const hosts = useQuery({ queryKey: ["hosts"], queryFn: () => api<{ hosts: HostOption[] }>("/api/hosts") });
  const grant = useMutation({
    mutationFn: (body: unknown) => api(`/api/admin/users/${userId}/grants`, { body }),
    onSuccess: () => {
      toast.success(t("grantedToast"));
      void queryClient.invalidateQueries({ queryKey: usersKey });
      onDone();
    },
    onError: (e) => toast.error(errors.fromError(e)),
  });
  const submit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const body = errors.validate(grantSchema, {
      role: f.get("role"),
      scope,
      hostId: scope === "host" || scope === "guest" ? f.get("hostId") || null : null,
      guestUuid: scope === "guest" ? String(f.get("guestUuid") ?? "").trim() || null : null,
      tag: scope === "tag" ? String(f.get("tag") ?? "").trim() || null : null,
    });
    if (body) grant.mutate(body);
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t("grantRole")} className="mt-4 grid gap-3 sm:grid-cols-4">
      <Field label={t("role")} error={errors.fields.role}>
        <Select name="role" defaultValue="viewer">
          {roles.map((r) => (
            <option key={r} value={r}>
              {tRoles(`name.${r}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("where")} error={errors.fields.scope}>
        <Select name="scope" value={scope} onChange={(e) => setScope(e.target.value as typeof scope)}>
          {grantScopes.map((s) => (
            <option key={s} value={s}>
              {t(`scope.${s}`)}
            </option>
          ))}
        </Select>
      </Field>
      {scope === "host" || scope === "guest" ? (
        <Field label={t("host")} error={errors.fields.hostId}>
          <Select name="hostId" defaultValue="">
            <option value="">{t("choose")}</option>
            {hosts.data?.hosts.map((h) => (
              <option key={h.id} value={h.id}>
                {h.name}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      {scope === "guest" ? (
        <Field label={t("guestUuid")} error={errors.fields.guestUuid}>
          <Input name="guestUuid" placeholder={t("example", { value: EXAMPLE_UUID })} />
        </Field>
      ) : null}
      {scope === "tag" ? (
        <Field label={t("tag")} error={errors.fields.tag} hint={t("tagHint")}>
          <Input name="tag" placeholder={t("example", { value: EXAMPLE_TAG })} />
        </Field>
      ) : null}
      <div className="sm:col-span-4">
        <Button type="submit" disabled={grant.isPending}>
          {t("grant")}
        </Button>
      </div>
    </form>
  );
}
