"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { api } from "@/lib/client/api";
import { useFormErrors } from "@/lib/client/use-form-errors";
import { roles } from "@/lib/roles";
import { createUserSchema } from "@/lib/validations/users";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { usersKey } from "./users-admin";

export function CreateUserForm({ onDone }: { onDone: () => void }) {
  const t = useTranslations("admin.users");
  const tRoles = useTranslations("roles");
  const queryClient = useQueryClient();
  const toast = useToast();
  const errors = useFormErrors();
  const create = useMutation({
    mutationFn: (body: unknown) => api<{ username: string }>("/api/admin/users", { body }),
    onSuccess: (u) => {
      toast.success(t("createdToast", { user: u.username }));
      void queryClient.invalidateQueries({ queryKey: usersKey });
      onDone();
    },
    onError: (e) => toast.error(errors.fromError(e)),
  });
  const submit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const role = String(f.get("role") ?? "");
    const body = errors.validate(createUserSchema, {
      username: f.get("username"),
      displayName: f.get("displayName"),
      password: f.get("password"),
      role: role || undefined,
    });
    if (body) create.mutate(body);
  };
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={t("newUser")}
      className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 dark:border-slate-800 dark:bg-slate-900"
    >
      <Field label={t("userName")} error={errors.fields.username}>
        <Input name="username" autoComplete="off" />
      </Field>
      <Field label={t("displayName")} error={errors.fields.displayName}>
        <Input name="displayName" autoComplete="off" />
      </Field>
      <Field label={t("password")} error={errors.fields.password} hint={t("passwordHint")}>
        <Input name="password" type="password" autoComplete="new-password" />
      </Field>
      <Field label={t("roleEverywhere")} error={errors.fields.role} hint={t("roleEverywhereHint")}>
        <Select name="role" defaultValue="">
          <option value="">{t("noneYet")}</option>
          {roles.map((r) => (
            <option key={r} value={r}>
              {t("roleOption", { role: tRoles(`name.${r}`), description: tRoles(`description.${r}`) })}
            </option>
          ))}
        </Select>
      </Field>
      <div className="sm:col-span-2">
        <Button type="submit" disabled={create.isPending}>
          {t("create")}
        </Button>
      </div>
    </form>
  );
}
