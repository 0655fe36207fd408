"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "@/lib/client/api";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { useToast } from "@/components/ui/toast";
import { CreateUserForm } from "./create-user-form";
import { GrantForm } from "./grant-form";
import { ResetPasswordForm } from "./reset-password-form";
import type { UserRow } from "./types";

export const usersKey = ["admin", "users"] as const;

export function UsersAdmin() {
  const users = useQuery({ queryKey: usersKey, queryFn: () => api<UserRow[]>("/api/admin/users") });
  const [creating, setCreating] = useState(false);
  return (
    <div className="space-y-4">
      <div className="flex justify-end">
        <Button onClick={() => setCreating((c) => !c)}>{creating ? "Close" : "New user"}</Button>
      </div>
      {creating ? <CreateUserForm onDone={() => setCreating(false)} /> : null}
      {users.isPending ? <p className="text-sm text-slate-500">Loading users…</p> : null}
      {users.error ? (
        <p role="alert" className="text-sm text-red-600">
          {users.error.message}
        </p>
      ) : null}
      {users.data?.length === 0 ? <EmptyState title="No users">Create the first one with “New user”.</EmptyState> : null}
      <ul className="space-y-3">
        {users.data?.map((u) => (
          <UserCard key={u.id} user={u} />
        ))}
      </ul>
    </div>
  );
}

function UserCard({ user }: { user: UserRow }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [panel, setPanel] = useState<"none" | "grant" | "password">("none");
  const [confirm, setConfirm] = useState<"none" | "disable" | "delete">("none");
  const refresh = () => queryClient.invalidateQueries({ queryKey: usersKey });
  const who = user.displayName ? `${user.displayName} (${user.username})` : user.username;
  const toggle = useMutation({
    mutationFn: () => api(`/api/admin/users/${user.id}`, { method: "PATCH", body: { disabled: !user.disabled } }),
    onSuccess: () => {
      toast.success(`${user.username} ${user.disabled ? "enabled" : "disabled"}`);
      setConfirm("none");
      void refresh();
    },
    onError: (e) => toast.error(e.message),
  });
  const remove = useMutation({
    mutationFn: () => api(`/api/admin/users/${user.id}`, { method: "DELETE" }),
    onSuccess: () => {
      toast.success(`Deleted ${user.username}`);
      setConfirm("none");
      void refresh();
    },
    onError: (e) => toast.error(e.message),
  });
  const resetTwoFactor = useMutation({
    mutationFn: () => api(`/api/admin/users/${user.id}/two-factor`, { method: "DELETE" }),
    onSuccess: () => {
      toast.success(`${user.username} enrols a second factor again at their next sign-in (if their role requires one)`);
      void refresh();
    },
    onError: (e) => toast.error(e.message),
  });
  const revoke = useMutation({
    mutationFn: (grantId: string) => api(`/api/admin/users/${user.id}/grants/${grantId}`, { method: "DELETE" }),
    onSuccess: () => {
      toast.success("Role revoked");
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
            {user.disabled ? <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs dark:bg-slate-700">disabled</span> : null}
          </div>
          <div className="text-sm text-slate-500">
            {user.displayName || "—"} · last sign-in {user.lastLoginAt ? new Date(user.lastLoginAt).toLocaleString() : "never"} ·{" "}
            {user.source === "local" ? "password here" : `signs in through ${user.providerName ?? "a removed provider"}`}
            {user.twoFactor ? " · two-factor on" : ""}
          </div>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={() => setPanel(panel === "grant" ? "none" : "grant")}>
            Grant role
          </Button>
          {user.source === "local" ? (
            <Button variant="secondary" onClick={() => setPanel(panel === "password" ? "none" : "password")}>
              Reset password
            </Button>
          ) : null}
          {user.twoFactor ? (
            <Button variant="secondary" disabled={resetTwoFactor.isPending} onClick={() => resetTwoFactor.mutate()}>
              Reset two-factor
            </Button>
          ) : null}
          {user.disabled ? (
            <Button variant="secondary" disabled={toggle.isPending} onClick={() => toggle.mutate()}>
              Enable
            </Button>
          ) : (
            <Button variant="danger" onClick={() => setConfirm("disable")}>
              Disable
            </Button>
          )}
          <Button variant="danger" onClick={() => setConfirm("delete")}>
            Delete
          </Button>
        </div>
      </div>
      <ul className="mt-3 flex flex-wrap gap-2" aria-label={`Roles of ${user.username}`}>
        {user.grants.length === 0 ? <li className="text-sm text-slate-500">No roles: this person can sign in but sees nothing.</li> : null}
        {user.grants.map((g) => (
          <li
            key={g.id}
            className="flex items-center gap-1 rounded-full bg-blue-50 py-0.5 pr-1 pl-3 text-sm text-blue-800 dark:bg-blue-950 dark:text-blue-200"
          >
            {g.role} ·{" "}
            {g.providerId ? <span title="Given by a group at the sign-in provider; follows the person's groups">(from group) </span> : null}
            {g.scope === "global"
              ? "everywhere"
              : g.scope === "host"
                ? `host ${g.hostName}`
                : g.scope === "tag"
                  ? `guests tagged ${g.tag}`
                  : `guest ${g.guestUuid} on ${g.hostName}`}
            <button
              type="button"
              aria-label={`Revoke ${g.role} from ${user.username}`}
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
        title={`Disable ${who}?`}
        confirmLabel="Disable"
        danger
        busy={toggle.isPending}
        onConfirm={() => toggle.mutate()}
        onCancel={() => setConfirm("none")}
      >
        <p>
          {user.username} is signed out everywhere at once, open consoles close, and signing in is refused until the account is enabled
          again. Roles stay as they are.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === "delete"}
        title={`Delete ${who}?`}
        confirmLabel="Delete user"
        danger
        busy={remove.isPending}
        onConfirm={() => remove.mutate()}
        onCancel={() => setConfirm("none")}
      >
        <p>
          The account, its sessions and its roles are removed for good; {user.username} is signed out everywhere at once. The audit log
          keeps what {user.username} did, under that name. To keep the account for later, disable it instead.
        </p>
      </ConfirmDialog>
    </li>
  );
}
