"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "@/lib/client/api";
import type { GuestRow, PowerAction } from "@/lib/guests/types";
import type { Grant } from "@/lib/roles";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { availableActions } from "./actions-model";
import { CloneDialog } from "./clone-dialog";
import { DeleteGuestDialog } from "./delete-guest-dialog";
import { ConfirmDialog } from "@/components/ui/dialog";
import { ForceOffWarning } from "@/components/guests/force-off-warning";
import { RenameDialog, SaveToFileDialog } from "./guest-dialogs";
import { useUrlParam } from "./hardware/use-url-param";
import { MigrateDialog } from "./migrate-dialog";
import { guestPath, usePowerAction, useRefreshGuest } from "./use-guest-actions";

type Open = "none" | "forceoff" | "reset" | "rename" | "save" | "clone" | "delete" | "migrate";

/** Lifecycle toolbar of the guest page: only what the person's role allows and the state makes sense. */
export function GuestToolbar({
  guest,
  canPower,
  canManage,
  grants = [],
}: {
  guest: GuestRow;
  canPower: boolean;
  canManage: boolean;
  grants?: Grant[];
}) {
  const toast = useToast();
  const refresh = useRefreshGuest();
  const power = usePowerAction();
  const [method, setMethod] = useState<"acpi" | "agent">("acpi");
  // ?dialog=migrate (the guest list's row menu links here) opens the migrate dialog.
  const [dialogParam, setDialogParam] = useUrlParam("dialog");
  const [open, setOpen] = useState<Open>(dialogParam === "migrate" && canManage ? "migrate" : "none");
  const close = () => {
    setOpen("none");
    if (dialogParam !== null) setDialogParam(null);
  };
  const actions = canPower ? availableActions(guest.state) : [];
  const has = (a: PowerAction) => actions.includes(a);
  const run = (action: PowerAction, withMethod = false) => power.mutate({ guest, action, method: withMethod ? method : undefined });
  const busy = power.isPending;

  const settings = useMutation({
    mutationFn: ({ path, method: verb, body }: { path: string; method: string; body?: unknown; done: string }) =>
      api(path, { method: verb, body }),
    onSuccess: (_d, v) => toast.success(`${guest.name}: ${v.done}`),
    onError: (e) => toast.error(`${guest.name}: ${e.message}`),
    onSettled: () => refresh(guest),
  });
  const running = guest.state === "running" || guest.state === "blocked" || guest.state === "paused";

  return (
    <div className="flex flex-wrap items-center justify-between gap-x-6 gap-y-2">
      <div role="toolbar" aria-label="Power" className="flex flex-wrap items-center gap-2">
        {has("start") ? (
          <Button disabled={busy} onClick={() => run("start")}>
            {guest.hasManagedSave ? "Start from saved state" : "Start"}
          </Button>
        ) : null}
        {has("shutdown") ? (
          <span className="inline-flex items-center gap-1">
            <Button variant="secondary" disabled={busy} onClick={() => run("shutdown", true)}>
              Shut down
            </Button>
            <Button variant="secondary" disabled={busy} onClick={() => run("reboot", true)}>
              Reboot
            </Button>
            <select
              aria-label="Shutdown and reboot method"
              value={method}
              onChange={(e) => setMethod(e.target.value as "acpi" | "agent")}
              className="rounded-md border border-slate-300 bg-white px-2 py-2 text-sm dark:border-slate-600 dark:bg-slate-900"
            >
              <option value="acpi">via ACPI</option>
              <option value="agent">via guest agent</option>
            </select>
          </span>
        ) : null}
        {has("pause") ? (
          <Button variant="secondary" disabled={busy} onClick={() => run("pause")}>
            Pause
          </Button>
        ) : null}
        {has("resume") ? (
          <Button disabled={busy} onClick={() => run("resume")}>
            Resume
          </Button>
        ) : null}
        {has("reset") ? (
          <Button variant="secondary" disabled={busy} onClick={() => setOpen("reset")}>
            Reset…
          </Button>
        ) : null}
        {has("forceoff") ? (
          <Button variant="danger" disabled={busy} onClick={() => setOpen("forceoff")}>
            Force off…
          </Button>
        ) : null}
      </div>
      {canManage ? (
        <div role="toolbar" aria-label="Manage" className="flex flex-wrap items-center gap-2">
          {running ? (
            <Button
              variant="secondary"
              disabled={settings.isPending}
              title="Save the guest's memory on its host and stop it; the next Start continues where it was"
              onClick={() =>
                settings.mutate({ path: `${guestPath(guest)}/managed-save`, method: "POST", done: "state saved, guest stopped" })
              }
            >
              Save state
            </Button>
          ) : null}
          {running ? (
            <Button variant="secondary" onClick={() => setOpen("save")}>
              Save to file…
            </Button>
          ) : null}
          {guest.hasManagedSave && !running ? (
            <Button
              variant="secondary"
              disabled={settings.isPending}
              onClick={() => settings.mutate({ path: `${guestPath(guest)}/managed-save`, method: "DELETE", done: "saved state discarded" })}
            >
              Discard saved state
            </Button>
          ) : null}
          {guest.persistent ? (
            <label className="inline-flex items-center gap-2 rounded-md px-2 py-2 text-sm">
              <input
                type="checkbox"
                role="switch"
                aria-checked={guest.autostart}
                checked={guest.autostart}
                disabled={settings.isPending}
                onChange={(e) =>
                  settings.mutate({
                    path: guestPath(guest),
                    method: "PATCH",
                    body: { autostart: e.target.checked },
                    done: e.target.checked ? "autostart on" : "autostart off",
                  })
                }
              />
              Start with host
            </label>
          ) : null}
          <Button variant="secondary" onClick={() => setOpen("rename")}>
            Rename…
          </Button>
          <Button
            variant="secondary"
            onClick={() => setOpen("clone")}
            title="Copy this guest, with its disks, to a new guest on the same host"
          >
            Clone…
          </Button>
          <Button variant="secondary" onClick={() => setOpen("migrate")} title="Move this guest to another host">
            Migrate…
          </Button>
          <Button variant="danger" onClick={() => setOpen("delete")}>
            Delete…
          </Button>
        </div>
      ) : null}

      <ConfirmDialog
        open={open === "forceoff"}
        title={`Force off ${guest.name}?`}
        confirmLabel="Force off"
        danger
        onCancel={close}
        onConfirm={() => {
          close();
          run("forceoff");
        }}
      >
        <ForceOffWarning names={[guest.name]} />
      </ConfirmDialog>
      <ConfirmDialog
        open={open === "reset"}
        title={`Reset ${guest.name}?`}
        confirmLabel="Reset"
        danger
        onCancel={close}
        onConfirm={() => {
          close();
          run("reset");
        }}
      >
        <p>Like pressing the reset button: the guest restarts at once without shutting down, and unsaved data in it is lost.</p>
      </ConfirmDialog>
      {open === "rename" ? <RenameDialog guest={guest} open onClose={close} /> : null}
      {open === "save" ? <SaveToFileDialog guest={guest} open onClose={close} /> : null}
      {open === "clone" ? <CloneDialog guest={guest} onClose={close} /> : null}
      {open === "migrate" ? <MigrateDialog guest={guest} grants={grants} open onClose={close} /> : null}
      <DeleteGuestDialog guest={guest} open={open === "delete"} onClose={close} />
    </div>
  );
}
