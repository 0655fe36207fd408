"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { api } from "@/lib/client/api";
import { useFormErrors } from "@/lib/client/use-form-errors";
import { changePasswordSchema } from "@/lib/validations/auth";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";

export function ChangePassword() {
  const t = useTranslations("account.password");
  const toast = useToast();
  const errors = useFormErrors();
  const [form, setForm] = useState({ currentPassword: "", newPassword: "" });
  const save = useMutation({
    mutationFn: (body: unknown) => api("/api/account/password", { body }),
    onSuccess: () => {
      setForm({ currentPassword: "", newPassword: "" });
      toast.success(t("changed"));
    },
    onError: (e) => toast.error(errors.fromError(e)),
  });
  return (
    <section
      aria-labelledby="password"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="password" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <form
        noValidate
        className="grid max-w-md gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          const body = errors.validate(changePasswordSchema, form);
          if (body) save.mutate(body);
        }}
      >
        <Field label={t("current")} error={errors.fields.currentPassword}>
          <Input
            type="password"
            autoComplete="current-password"
            value={form.currentPassword}
            onChange={(e) => setForm({ ...form, currentPassword: e.target.value })}
          />
        </Field>
        <Field label={t("new")} error={errors.fields.newPassword} hint={t("newHint")}>
          <Input
            type="password"
            autoComplete="new-password"
            value={form.newPassword}
            onChange={(e) => setForm({ ...form, newPassword: e.target.value })}
          />
        </Field>
        <div>
          <Button type="submit" disabled={save.isPending}>
            {t("change")}
          </Button>
        </div>
      </form>
    </section>
  );
}
