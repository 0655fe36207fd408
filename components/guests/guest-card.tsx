"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { api } from "@/lib/client/api";
import type { Seat } from "@/lib/consoles/presence";
import { isoName, type GuestMedia } from "@/lib/guests/media";
import { guestScope, type GuestRow } from "@/lib/guests/types";
import { can, type Grant } from "@/lib/roles";
import { isActive } from "@/lib/text/format";
import { availableActions } from "./actions-model";
import { LiveThumbnail } from "./live-thumbnail";
import { StateBadge } from "./state-badge";
import { guestPath, usePowerAction } from "./use-guest-actions";

/**
 * One guest on the helpdesk home: its screen, state, who is on its console, and what this person may do —
 * open the console, power actions, Ctrl+Alt+Del, and a CD from the approved ISO library.
 */
export function GuestCard({ guest, hostName, grants, seats }: { guest: GuestRow; hostName: string; grants: Grant[]; seats: Seat[] }) {
  const t = useTranslations("guest.card");
  const tGuests = useTranslations("guests");
  const scope = guestScope(guest);
  const running = isActive(guest.state);
  const power = usePowerAction();
  const toast = useToast();
  const [cdOpen, setCdOpen] = useState(false);
  const keys = useMutation({
    mutationFn: () => api(`${guestPath(guest)}/keys`, { body: { keys: "ctrl-alt-del" } }),
    onSuccess: () => toast.success(t("keysSent", { name: guest.name })),
    onError: (e) => toast.error(tGuests("failedNamed", { name: guest.name, message: e.message })),
  });
  const mayPower = can(grants, "guest.power", scope);
  const mayConsole = can(grants, "guest.console", scope);
  const onConsole = seats.filter((s) => s.hostId === guest.hostId && s.uuid === guest.uuid);
  const small = "px-2 py-1 text-xs";

  return (
    <article
      aria-label={guest.name}
      data-testid="guest-card"
      className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900"
    >
      <LiveThumbnail hostId={guest.hostId} uuid={guest.uuid} name={guest.name} running={running} />
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <Link
            href={`/guests/${encodeURIComponent(guest.hostId)}/${guest.uuid}`}
            className="block truncate font-medium text-blue-700 hover:underline dark:text-blue-400"
          >
            {guest.name}
          </Link>
          <div className="truncate text-xs text-slate-500">{guest.title ?? hostName}</div>
        </div>
        <StateBadge state={guest.state} reason={guest.stateReason} template={guest.template} />
      </div>
      {onConsole.length ? (
        <p className="text-xs text-slate-600 dark:text-slate-300">{t("onConsole", { names: onConsole.map((s) => s.name).join(", ") })}</p>
      ) : null}
      <div className="flex flex-wrap gap-1">
        {running && mayConsole ? (
          <Link
            href={`/guests/${encodeURIComponent(guest.hostId)}/${guest.uuid}/console`}
            aria-label={t("openConsoleOf", { name: guest.name })}
            className="rounded-md bg-blue-600 px-2 py-1 text-xs font-medium text-white hover:bg-blue-700"
          >
            {t("openConsole")}
          </Link>
        ) : null}
        {running && mayConsole ? (
          <Button variant="secondary" className={small} disabled={keys.isPending} onClick={() => keys.mutate()}>
            {t("ctrlAltDel")}
          </Button>
        ) : null}
        {mayPower
          ? availableActions(guest.state, guest.template)
              .filter((a) => (a !== "pause" && a !== "resume") || guest.state === "paused")
              .map((action) => (
                <Button
                  key={action}
                  variant={action === "forceoff" || action === "reset" ? "danger" : "secondary"}
                  className={small}
                  disabled={power.isPending}
                  onClick={() => {
                    if (
                      (action === "forceoff" || action === "reset") &&
                      !window.confirm(t("confirmDestructive", { action: tGuests(`action.${action}`), name: guest.name }))
                    )
                      return;
                    power.mutate({ guest, action });
                  }}
                >
                  {tGuests(`action.${action}`)}
                </Button>
              ))
          : null}
        {mayPower ? (
          <Button variant="ghost" className={small} aria-expanded={cdOpen} onClick={() => setCdOpen((o) => !o)}>
            {t("cd")}
          </Button>
        ) : null}
      </div>
      {cdOpen ? <CdPicker guest={guest} /> : null}
    </article>
  );
}

/** The guest's CD drives, each with the approved images of its host to choose from, or empty. */
function CdPicker({ guest }: { guest: GuestRow }) {
  const t = useTranslations("guest.card");
  const tGuests = useTranslations("guests");
  const toast = useToast();
  const media = useQuery({
    queryKey: ["guest", guest.hostId, guest.uuid, "media"],
    queryFn: () => api<GuestMedia>(`${guestPath(guest)}/media`),
  });
  const change = useMutation({
    mutationFn: (body: { target: string; path: string | null }) => api(`${guestPath(guest)}/media`, { body }),
    onSuccess: (_d, body) => {
      toast.success(body.path ? t("cdInserted", { iso: isoName(body.path), name: guest.name }) : t("cdEmptied", { name: guest.name }));
      void media.refetch();
    },
    onError: (e) => toast.error(tGuests("failedNamed", { name: guest.name, message: e.message })),
  });
  if (media.isPending) return <p className="text-xs text-slate-500">{t("loading")}</p>;
  if (media.isError)
    return (
      <p role="alert" className="text-xs text-red-600">
        {media.error.message}
      </p>
    );
  const { drives, library } = media.data;
  if (drives.length === 0) return <p className="text-xs text-slate-500">{t("noCdDrive")}</p>;
  return (
    <div className="flex flex-col gap-1 text-xs">
      {library.length === 0 ? <p className="text-slate-500">{t("noIsos")}</p> : null}
      {drives.map((d) => (
        <label key={d.target} className="flex items-center gap-2">
          <span className="w-20 shrink-0">{t("cdDrive", { target: d.target })}</span>
          <select
            aria-label={t("cdIn", { target: d.target })}
            value={d.path ?? ""}
            disabled={change.isPending}
            onChange={(e) => change.mutate({ target: d.target, path: e.target.value || null })}
            className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-600 dark:bg-slate-900"
          >
            <option value="">{t("empty")}</option>
            {d.path && !library.some((i) => i.path === d.path) ? (
              <option value={d.path}>{t("insertedElsewhere", { iso: isoName(d.path) })}</option>
            ) : null}
            {library.map((i) => (
              <option key={i.path} value={i.path}>
                {i.name}
              </option>
            ))}
          </select>
        </label>
      ))}
    </div>
  );
}
