"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { useFormErrors } from "@/lib/client/use-form-errors";
import { roleDescriptions, roles } from "@/lib/roles";
import { createUserSchema } from "@/lib/validations/users";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { usersKey } from "./users-admin";

export function CreateUserForm({ onDone }: { onDone: () => void }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const errors = useFormErrors();
  const create = useMutation({
    mutationFn: (body: unknown) => api<{ username: string }>("/api/admin/users", { body }),
    onSuccess: (u) => {
      toast.success(`Created ${u.username}`);
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
      aria-label="New user"
      className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 dark:border-slate-800 dark:bg-slate-900"
    >
      <Field label="User name" error={errors.fields.username}>
        <Input name="username" autoComplete="off" />
      </Field>
      <Field label="Display name" error={errors.fields.displayName}>
        <Input name="displayName" autoComplete="off" />
      </Field>
      <Field label="Password" error={errors.fields.password} hint="At least 12 characters. Share it with the person securely.">
        <Input name="password" type="password" autoComplete="new-password" />
      </Field>
      <Field label="Role everywhere" error={errors.fields.role} hint="Host- or guest-scoped roles can be granted afterwards.">
        <Select name="role" defaultValue="">
          <option value="">None yet</option>
          {roles.map((r) => (
            <option key={r} value={r}>
              {r} — {roleDescriptions[r]}
            </option>
          ))}
        </Select>
      </Field>
      <div className="sm:col-span-2">
        <Button type="submit" disabled={create.isPending}>
          Create user
        </Button>
      </div>
    </form>
  );
}
