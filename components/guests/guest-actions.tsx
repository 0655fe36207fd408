"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "@/lib/client/api";
import type { GuestRow, PowerAction } from "@/lib/guests/types";
import type { Grant } from "@/lib/roles";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { MenuCheckboxItem, MenuItem, MenuRadioGroup, MenuSeparator } from "@/components/ui/dropdown-menu";
import { MoreActions } from "@/components/ui/detail-header";
import { actionLabel, availableActions, destructiveActions, primaryAction } from "./actions-model";
import { CloneDialog } from "./clone-dialog";
import { DeleteGuestDialog } from "./delete-guest-dialog";
import { ConfirmDialog } from "@/components/ui/dialog";
import { ForceOffWarning } from "@/components/guests/force-off-warning";
import { RenameDialog, SaveToFileDialog } from "./guest-dialogs";
import { useUrlParam } from "./hardware/use-url-param";
import { MigrateDialog } from "./migrate-dialog";
import { FromTemplateDialog } from "./template-dialog";
import { guestPath, usePowerAction, useRefreshGuest } from "./use-guest-actions";

type Open = "none" | "forceoff" | "reset" | "rename" | "save" | "clone" | "delete" | "migrate" | "from-template";

const viaMethod = (a: PowerAction) => a === "shutdown" || a === "reboot";

/**
 * The guest page's actions: the one primary action for the state as a button (Start, Shut down, Resume), everything
 * else in the "More actions" menu, destructive ones last and in red. Only what the person's role allows and the
 * state makes sense (actions-model.ts).
 */
export function GuestActions({
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
  // ?dialog=migrate or ?dialog=from-template (the guest list's row menu links here) opens that dialog.
  const [dialogParam, setDialogParam] = useUrlParam("dialog");
  const [open, setOpen] = useState<Open>(
    canManage && (dialogParam === "migrate" || (dialogParam === "from-template" && guest.template)) ? dialogParam : "none",
  );
  const close = () => {
    setOpen("none");
    if (dialogParam !== null) setDialogParam(null);
  };
  const actions = canPower ? availableActions(guest.state, guest.template) : [];
  const primary = canPower ? primaryAction(guest.state, guest.template) : null;
  const others = actions.filter((a) => a !== primary && !destructiveActions.includes(a));
  const destructive = actions.filter((a) => destructiveActions.includes(a));
  const run = (action: PowerAction) => power.mutate({ guest, action, method: viaMethod(action) ? method : undefined });
  // Destructive actions are asked again in a dialog first.
  const act = (action: PowerAction) => (destructiveActions.includes(action) ? setOpen(action as Open) : run(action));
  const busy = power.isPending;

  const settings = useMutation({
    mutationFn: ({ path, method: verb, body }: { path: string; method: string; body?: unknown; done: string }) =>
      api(path, { method: verb, body }),
    onSuccess: (_d, v) => toast.success(`${guest.name}: ${v.done}`),
    onError: (e) => toast.error(`${guest.name}: ${e.message}`),
    onSettled: () => refresh(guest),
  });
  const running = guest.state === "running" || guest.state === "blocked" || guest.state === "paused";
  const hasMenu = actions.length > (primary ? 1 : 0) || canManage;
  const markTemplate = (template: boolean) =>
    settings.mutate({
      path: `${guestPath(guest)}/template`,
      method: "PUT",
      body: { template },
      done: template ? "now a template" : "a guest again",
    });

  return (
    <>
      {canManage && guest.template ? <Button onClick={() => setOpen("from-template")}>New guest from template…</Button> : null}
      {primary ? (
        <Button disabled={busy} onClick={() => act(primary)}>
          {actionLabel(primary, guest.hasManagedSave)}
        </Button>
      ) : null}
      {hasMenu ? (
        <MoreActions>
          {others.map((a) => (
            <MenuItem key={a} disabled={busy} onSelect={() => act(a)}>
              {actionLabel(a, guest.hasManagedSave)}
            </MenuItem>
          ))}
          {actions.some(viaMethod) ? (
            <MenuRadioGroup
              label="Shut down and reboot via"
              value={method}
              onValueChange={setMethod}
              options={[
                { value: "acpi", label: "ACPI (power button)" },
                { value: "agent", label: "Guest agent" },
              ]}
            />
          ) : null}
          {canManage ? (
            <>
              {others.length ? <MenuSeparator /> : null}
              {running ? (
                <MenuItem
                  disabled={settings.isPending}
                  hint="Keeps the memory on the host and stops the guest; the next Start continues where it was."
                  onSelect={() =>
                    settings.mutate({ path: `${guestPath(guest)}/managed-save`, method: "POST", done: "state saved, guest stopped" })
                  }
                >
                  Save state
                </MenuItem>
              ) : null}
              {running ? <MenuItem onSelect={() => setOpen("save")}>Save to file…</MenuItem> : null}
              {guest.hasManagedSave && !running ? (
                <MenuItem
                  disabled={settings.isPending}
                  onSelect={() =>
                    settings.mutate({ path: `${guestPath(guest)}/managed-save`, method: "DELETE", done: "saved state discarded" })
                  }
                >
                  Discard saved state
                </MenuItem>
              ) : null}
              {guest.template ? (
                <MenuItem
                  disabled={settings.isPending}
                  hint="It can be started again; guests made from it as linked clones must be deleted first."
                  onSelect={() => markTemplate(false)}
                >
                  Turn back into a guest
                </MenuItem>
              ) : guest.state === "shutoff" && guest.persistent ? (
                <MenuItem
                  disabled={settings.isPending}
                  hint="A template is never started; new guests are made from it (linked clones or full copies)."
                  onSelect={() => markTemplate(true)}
                >
                  Mark as template
                </MenuItem>
              ) : null}
              {guest.persistent && !guest.template ? (
                <MenuCheckboxItem
                  checked={guest.autostart}
                  disabled={settings.isPending}
                  onCheckedChange={(on) =>
                    settings.mutate({
                      path: guestPath(guest),
                      method: "PATCH",
                      body: { autostart: on },
                      done: on ? "autostart on" : "autostart off",
                    })
                  }
                >
                  Start with host
                </MenuCheckboxItem>
              ) : null}
              <MenuItem onSelect={() => setOpen("rename")}>Rename…</MenuItem>
              <MenuItem hint="Copies the guest, with its disks, to a new guest on the same host." onSelect={() => setOpen("clone")}>
                Clone…
              </MenuItem>
              <MenuItem hint="Moves the guest to another host." onSelect={() => setOpen("migrate")}>
                Migrate…
              </MenuItem>
            </>
          ) : null}
          {(others.length || canManage) && (destructive.length || canManage) ? <MenuSeparator /> : null}
          {destructive.map((a) => (
            <MenuItem key={a} danger disabled={busy} onSelect={() => act(a)}>
              {actionLabel(a)}
            </MenuItem>
          ))}
          {canManage ? (
            <MenuItem danger onSelect={() => setOpen("delete")}>
              Delete…
            </MenuItem>
          ) : null}
        </MoreActions>
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
      {open === "from-template" ? <FromTemplateDialog guest={guest} onClose={close} /> : null}
      {open === "migrate" ? <MigrateDialog guest={guest} grants={grants} open onClose={close} /> : null}
      <DeleteGuestDialog guest={guest} open={open === "delete"} onClose={close} />
    </>
  );
}
