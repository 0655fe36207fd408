"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { z } from "zod";
import { api } from "@/lib/client/api";
import { useFormErrors } from "@/lib/client/use-form-errors";
import { passwordSchema } from "@/lib/validations/users";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import type { UserRow } from "./types";

const schema = z.object({ password: passwordSchema });

export function ResetPasswordForm({ user, onDone }: { user: UserRow; onDone: () => void }) {
  const t = useTranslations("admin.users");
  const toast = useToast();
  const errors = useFormErrors();
  const reset = useMutation({
    mutationFn: (body: unknown) => api(`/api/admin/users/${user.id}`, { method: "PATCH", body }),
    onSuccess: () => {
      toast.success(t("passwordResetToast", { user: user.username }));
      onDone();
    },
    onError: (e) => toast.error(errors.fromError(e)),
  });
  const submit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const body = errors.validate(schema, { password: new FormData(e.currentTarget).get("password") });
    if (body) reset.mutate(body);
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t("resetOf", { user: user.username })} className="mt-4 flex flex-wrap items-end gap-3">
      <div className="min-w-64 flex-1">
        <Field label={t("newPassword")} error={errors.fields.password}>
          <Input name="password" type="password" autoComplete="new-password" />
        </Field>
      </div>
      <Button type="submit" disabled={reset.isPending}>
        {t("setPassword")}
      </Button>
    </form>
  );
}
