"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { api } from "@/lib/client/api";
import { guestScope, type GuestRow, type PowerAction } from "@/lib/guests/types";
import { can, type Grant } from "@/lib/roles";
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
  const t = useTranslations("guest");
  const tGuests = useTranslations("guests");
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
    onSuccess: (_d, v) => toast.success(t("settingDone", { name: guest.name, done: v.done })),
    onError: (e) => toast.error(tGuests("failedNamed", { name: guest.name, message: e.message })),
    onSettled: () => refresh(guest),
  });
  const running = guest.state === "running" || guest.state === "blocked" || guest.state === "paused";
  // A power user may delete the guests they made without managing them.
  const canDelete = can(grants, "guest.delete", guestScope(guest));
  const hasMenu = actions.length > (primary ? 1 : 0) || canManage || canDelete;
  const markTemplate = (template: boolean) =>
    settings.mutate({
      path: `${guestPath(guest)}/template`,
      method: "PUT",
      body: { template },
      done: template ? t("nowTemplate") : t("guestAgain"),
    });

  return (
    <>
      {canManage && guest.template ? <Button onClick={() => setOpen("from-template")}>{tGuests("newFromTemplate")}</Button> : null}
      {primary ? (
        <Button disabled={busy} onClick={() => act(primary)}>
          {actionLabel(primary, tGuests, guest.hasManagedSave)}
        </Button>
      ) : null}
      {hasMenu ? (
        <MoreActions>
          {others.map((a) => (
            <MenuItem key={a} disabled={busy} onSelect={() => act(a)}>
              {actionLabel(a, tGuests, guest.hasManagedSave)}
            </MenuItem>
          ))}
          {actions.some(viaMethod) ? (
            <MenuRadioGroup
              label={t("via")}
              value={method}
              onValueChange={setMethod}
              options={[
                { value: "acpi", label: t("viaAcpi") },
                { value: "agent", label: t("viaAgent") },
              ]}
            />
          ) : null}
          {canManage ? (
            <>
              {others.length ? <MenuSeparator /> : null}
              {running ? (
                <MenuItem
                  disabled={settings.isPending}
                  hint={t("saveStateHint")}
                  onSelect={() => settings.mutate({ path: `${guestPath(guest)}/managed-save`, method: "POST", done: t("stateSaved") })}
                >
                  {t("saveState")}
                </MenuItem>
              ) : null}
              {running ? <MenuItem onSelect={() => setOpen("save")}>{t("saveToFile")}</MenuItem> : null}
              {guest.hasManagedSave && !running ? (
                <MenuItem
                  disabled={settings.isPending}
                  onSelect={() =>
                    settings.mutate({ path: `${guestPath(guest)}/managed-save`, method: "DELETE", done: t("savedDiscarded") })
                  }
                >
                  {t("discardSaved")}
                </MenuItem>
              ) : null}
              {guest.template ? (
                <MenuItem disabled={settings.isPending} hint={t("unmarkTemplateHint")} onSelect={() => markTemplate(false)}>
                  {t("unmarkTemplate")}
                </MenuItem>
              ) : guest.state === "shutoff" && guest.persistent ? (
                <MenuItem disabled={settings.isPending} hint={t("markTemplateHint")} onSelect={() => markTemplate(true)}>
                  {t("markTemplate")}
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
                      done: on ? t("autostartOn") : t("autostartOff"),
                    })
                  }
                >
                  {t("autostart")}
                </MenuCheckboxItem>
              ) : null}
              <MenuItem onSelect={() => setOpen("rename")}>{t("rename")}</MenuItem>
              <MenuItem hint={t("cloneHint")} onSelect={() => setOpen("clone")}>
                {t("clone")}
              </MenuItem>
              <MenuItem hint={t("migrateHint")} onSelect={() => setOpen("migrate")}>
                {tGuests("migrateEllipsis")}
              </MenuItem>
            </>
          ) : null}
          {(others.length || canManage) && (destructive.length || canDelete) ? <MenuSeparator /> : null}
          {destructive.map((a) => (
            <MenuItem key={a} danger disabled={busy} onSelect={() => act(a)}>
              {actionLabel(a, tGuests)}
            </MenuItem>
          ))}
          {canDelete ? (
            <MenuItem danger onSelect={() => setOpen("delete")}>
              {t("delete")}
            </MenuItem>
          ) : null}
        </MoreActions>
      ) : null}

      <ConfirmDialog
        open={open === "forceoff"}
        title={tGuests("forceOffQuestion", { name: guest.name })}
        confirmLabel={tGuests("action.forceoff")}
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
        title={tGuests("resetQuestion", { name: guest.name })}
        confirmLabel={tGuests("action.reset")}
        danger
        onCancel={close}
        onConfirm={() => {
          close();
          run("reset");
        }}
      >
        <p>{tGuests("resetWarning")}</p>
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
