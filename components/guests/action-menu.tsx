"use client";

import { useTranslations } from "next-intl";
import type { GuestRow, PowerAction } from "@/lib/guests/types";
import { Menu, MenuItem, MenuLink, MenuSeparator } from "@/components/ui/dropdown-menu";
import { actionLabel, availableActions, destructiveActions } from "./actions-model";

/** The ⋯ menu of one row (Radix menu in a portal, so the virtualised list's scroll box never clips it). */
export function RowActionMenu({
  guest,
  canPower,
  canManage = false,
  onAction,
}: {
  guest: GuestRow;
  canPower: boolean;
  canManage?: boolean;
  onAction: (action: PowerAction) => void;
}) {
  const t = useTranslations("guests");
  const actions = canPower ? availableActions(guest.state, guest.template) : [];
  const safe = actions.filter((a) => !destructiveActions.includes(a));
  const destructive = actions.filter((a) => destructiveActions.includes(a));
  const page = `/guests/${encodeURIComponent(guest.hostId)}/${guest.uuid}`;
  return (
    <Menu
      label={t("actionsFor", { name: guest.name })}
      trigger={
        <button
          type="button"
          aria-label={t("actionsFor", { name: guest.name })}
          className="rounded px-2 py-1 text-slate-500 hover:bg-slate-100 hover:text-slate-900 dark:hover:bg-slate-800 dark:hover:text-slate-100"
        >
          ⋯
        </button>
      }
    >
      <MenuLink href={page}>{t("openDetails")}</MenuLink>
      {safe.map((a) => (
        <MenuItem key={a} onSelect={() => onAction(a)}>
          {actionLabel(a, t, guest.hasManagedSave)}
        </MenuItem>
      ))}
      {canManage && guest.template ? <MenuLink href={`${page}?dialog=from-template`}>{t("newFromTemplate")}</MenuLink> : null}
      {canManage ? <MenuLink href={`${page}?dialog=migrate`}>{t("migrateEllipsis")}</MenuLink> : null}
      {destructive.length ? <MenuSeparator /> : null}
      {destructive.map((a) => (
        <MenuItem key={a} danger onSelect={() => onAction(a)}>
          {actionLabel(a, t)}
        </MenuItem>
      ))}
    </Menu>
  );
}
