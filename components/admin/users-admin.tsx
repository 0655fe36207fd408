"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { api } from "@/lib/client/api";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { useToast } from "@/components/ui/toast";
import { CreateUserForm } from "./create-user-form";
import { GrantForm } from "./grant-form";
import { ResetPasswordForm } from "./reset-password-form";
import { isRole } from "@/lib/roles";
import type { UserRow } from "./types";

export const usersKey = ["admin", "users"] as const;

/** A grant's scope as the chip's message key; an unknown scope reads as one guest's, the narrowest. */
const chipScope = (scope: string) => (scope === "global" || scope === "host" || scope === "tag" ? scope : "guest");

export function UsersAdmin() {
  const t = useTranslations("admin.users");
  const users = useQuery({ queryKey: usersKey, queryFn: () => api<UserRow[]>("/api/admin/users") });
  const [creating, setCreating] = useState(false);
  return (
    <div className="space-y-4">
      <div className="flex justify-end">
        <Button onClick={() => setCreating((c) => !c)}>{creating ? t("close") : t("newUser")}</Button>
      </div>
      {creating ? <CreateUserForm onDone={() => setCreating(false)} /> : null}
      {users.isPending ? <p className="text-sm text-slate-500">{t("loading")}</p> : null}
      {users.error ? (
        <p role="alert" className="text-sm text-red-600">
          {users.error.message}
        </p>
      ) : null}
      {users.data?.length === 0 ? <EmptyState title={t("none")}>{t("noneHint")}</EmptyState> : null}
      <ul className="space-y-3">
        {users.data?.map((u) => (
          <UserCard key={u.id} user={u} />
        ))}
      </ul>
    </div>
  );
}

function UserCard({ user }: { user: UserRow }) {
  const t = useTranslations("admin.users");
  const tRoles = useTranslations("roles");
  const format = useFormatter();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [panel, setPanel] = useState<"none" | "grant" | "password">("none");
  const [confirm, setConfirm] = useState<"none" | "disable" | "delete">("none");
  const refresh = () => queryClient.invalidateQueries({ queryKey: usersKey });
  // A role the console no longer knows (from an older release) shows as stored.
  const roleName = (role: string) => (isRole(role) ? tRoles(`name.${role}`) : role);
  const who = user.displayName ? `${user.displayName} (${user.username})` : user.username;
  const toggle = useMutation({
    mutationFn: () => api(`/api/admin/users/${user.id}`, { method: "PATCH", body: { disabled: !user.disabled } }),
    onSuccess: () => {
      toast.success(t(user.disabled ? "enabledToast" : "disabledToast", { user: user.username }));
      setConfirm("none");
      void refresh();
    },
    onError: (e) => toast.error(e.message),
  });
  const remove = useMutation({
    mutationFn: () => api(`/api/admin/users/${user.id}`, { method: "DELETE" }),
    onSuccess: () => {
      toast.success(t("deletedToast", { user: user.username }));
      setConfirm("none");
      void refresh();
    },
    onError: (e) => toast.error(e.message),
  });
  const resetTwoFactor = useMutation({
    mutationFn: () => api(`/api/admin/users/${user.id}/two-factor`, { method: "DELETE" }),
    onSuccess: () => {
      toast.success(t("twoFactorReset", { user: user.username }));
      void refresh();
    },
    onError: (e) => toast.error(e.message),
  });
  const revoke = useMutation({
    mutationFn: (grantId: string) => api(`/api/admin/users/${user.id}/grants/${grantId}`, { method: "DELETE" }),
    onSuccess: () => {
      toast.success(t("roleRevoked"));
      void refresh();
    },
    onError: (e) => toast.error(e.message),
  });

  return (
    <li
      data-testid={`user-${user.username}`}
      className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <div className="font-medium">
            {user.username}
            {user.disabled ? (
              <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs dark:bg-slate-700">{t("disabledBadge")}</span>
            ) : null}
          </div>
          <div className="text-sm text-slate-500">
            {[
              user.displayName || "—",
              t("lastSignIn", {
                when: user.lastLoginAt
                  ? format.dateTime(new Date(user.lastLoginAt), { dateStyle: "medium", timeStyle: "short" })
                  : t("never"),
              }),
              user.source === "local" ? t("passwordHere") : t("signsInThrough", { provider: user.providerName ?? t("removedProvider") }),
              ...(user.twoFactor ? [t("twoFactorOn")] : []),
            ].join(" · ")}
          </div>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={() => setPanel(panel === "grant" ? "none" : "grant")}>
            {t("grantRole")}
          </Button>
          {user.source === "local" ? (
            <Button variant="secondary" onClick={() => setPanel(panel === "password" ? "none" : "password")}>
              {t("resetPassword")}
            </Button>
          ) : null}
          {user.twoFactor ? (
            <Button variant="secondary" disabled={resetTwoFactor.isPending} onClick={() => resetTwoFactor.mutate()}>
              {t("resetTwoFactor")}
            </Button>
          ) : null}
          {user.disabled ? (
            <Button variant="secondary" disabled={toggle.isPending} onClick={() => toggle.mutate()}>
              {t("enable")}
            </Button>
          ) : (
            <Button variant="danger" onClick={() => setConfirm("disable")}>
              {t("disable")}
            </Button>
          )}
          <Button variant="danger" onClick={() => setConfirm("delete")}>
            {t("delete")}
          </Button>
        </div>
      </div>
      <ul className="mt-3 flex flex-wrap gap-2" aria-label={t("rolesOf", { user: user.username })}>
        {user.grants.length === 0 ? <li className="text-sm text-slate-500">{t("noRoles")}</li> : null}
        {user.grants.map((g) => (
          <li
            key={g.id}
            className="flex items-center gap-1 rounded-full bg-blue-50 py-0.5 pr-1 pl-3 text-sm text-blue-800 dark:bg-blue-950 dark:text-blue-200"
          >
            {g.providerId ? <span title={t("fromGroupHint")}>{t("fromGroup")} </span> : null}
            {t(`chip.${chipScope(g.scope)}`, {
              role: roleName(g.role),
              host: g.hostName ?? "",
              tag: g.tag ?? "",
              guest: g.guestUuid ?? "",
            })}
            <button
              type="button"
              aria-label={t("revokeRole", { role: roleName(g.role), user: user.username })}
              onClick={() => revoke.mutate(g.id)}
              className="rounded-full px-1.5 hover:bg-blue-200 dark:hover:bg-blue-800"
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      {panel === "grant" ? <GrantForm userId={user.id} onDone={() => setPanel("none")} /> : null}
      {panel === "password" ? <ResetPasswordForm user={user} onDone={() => setPanel("none")} /> : null}
      <ConfirmDialog
        open={confirm === "disable"}
        title={t("disableTitle", { who })}
        confirmLabel={t("disable")}
        danger
        busy={toggle.isPending}
        onConfirm={() => toggle.mutate()}
        onCancel={() => setConfirm("none")}
      >
        <p>{t("disableBody", { user: user.username })}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === "delete"}
        title={t("deleteTitle", { who })}
        confirmLabel={t("deleteUser")}
        danger
        busy={remove.isPending}
        onConfirm={() => remove.mutate()}
        onCancel={() => setConfirm("none")}
      >
        <p>{t("deleteBody", { user: user.username })}</p>
      </ConfirmDialog>
    </li>
  );
}
