"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { api } from "@/lib/client/api";
import { useFallbackInterval } from "@/lib/client/live-events";
import { queryKeys } from "@/lib/client/live-keys";
import { controllerOf, type ConsoleRequest, type PresenceResponse, type Seat } from "@/lib/consoles/presence";
import { InviteDialog } from "./invite-dialog";
import type { ControlAsk, OwnSeat } from "./use-vnc-session";

const CLOCK = { hour: "2-digit", minute: "2-digit" } as const;

type PresenceWords = ReturnType<typeof useTranslations<"console.presence">>;

/** What the seat does, and since when: "in control since 10:04". */
function what(seat: Seat, time: string, t: PresenceWords): string {
  if (seat.kind === "vnc") return seat.mode === "control" ? t("inControl", { time }) : t("watching", { time });
  if (seat.kind === "spice") return t("onSpice", { time });
  return seat.device ? t("onDevice", { device: seat.device, time }) : t("onSerial", { time });
}

/**
 * Who is on this guest's consoles and since when (everyone with console access sees the same list), and
 * for a VNC display the hand-over: ask for control, give or keep it when asked, take it when it is free
 * (or when you may take it over), stop controlling; and a view-only invitation for a colleague.
 */
export function PresenceBar({
  hostId,
  uuid,
  seat,
  asks = [],
  message,
  request,
}: {
  hostId: string;
  uuid: string;
  seat?: OwnSeat | null;
  asks?: ControlAsk[];
  message?: string | null;
  request?: (r: ConsoleRequest) => void;
}) {
  const t = useTranslations("console.presence");
  const format = useFormatter();
  const fallback = useFallbackInterval();
  const [inviting, setInviting] = useState(false);
  const presence = useQuery({
    queryKey: queryKeys.consolePresence(hostId, uuid),
    queryFn: () => api<PresenceResponse>(`/api/consoles/presence?hostId=${encodeURIComponent(hostId)}&uuid=${uuid}`),
    refetchInterval: fallback,
  });
  const seats = presence.data?.seats ?? [];
  const holder = controllerOf(seats);
  const mine = seat?.id;
  const button = "px-2 py-1 text-xs";

  return (
    <section aria-label={t("label")} data-testid="console-presence" className="flex flex-col gap-1 text-sm">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="text-slate-500">{t("onThisGuest")}</span>
        {seats.length === 0 ? <span className="text-slate-500">{t("nobodyElse")}</span> : null}
        {seats.map((s) => (
          <span key={s.id} data-testid="presence-seat" data-mode={s.mode} data-you={s.id === mine ? "true" : undefined}>
            <strong>{s.name}</strong>
            {s.id === mine ? t("you") : ""} {what(s, format.dateTime(new Date(s.since), CLOCK), t)}
          </span>
        ))}
        {request && seat ? (
          <span className="flex gap-1">
            {seat.mode === "control" ? (
              <Button variant="secondary" className={button} onClick={() => request({ type: "control.release" })}>
                {t("stopControlling")}
              </Button>
            ) : (
              <>
                {holder && holder.id !== mine ? (
                  <Button variant="secondary" className={button} onClick={() => request({ type: "control.ask" })}>
                    {t("askForControl")}
                  </Button>
                ) : null}
                {!holder || seat.mayTake ? (
                  <Button variant="secondary" className={button} onClick={() => request({ type: "control.take" })}>
                    {t("takeControl")}
                  </Button>
                ) : null}
              </>
            )}
          </span>
        ) : null}
        <Button variant="ghost" className={button} onClick={() => setInviting(true)}>
          {t("invite")}
        </Button>
      </div>
      {request
        ? asks.map((a) => (
            <div key={a.from} role="alert" className="flex flex-wrap items-center gap-2 rounded-md bg-amber-50 px-3 py-2 dark:bg-amber-950">
              <span>{t.rich("asks", { name: a.name, strong: (chunks) => <strong>{chunks}</strong> })}</span>
              <Button className={button} onClick={() => request({ type: "control.answer", to: a.from, give: true })}>
                {t("give")}
              </Button>
              <Button variant="secondary" className={button} onClick={() => request({ type: "control.answer", to: a.from, give: false })}>
                {t("keep")}
              </Button>
            </div>
          ))
        : null}
      {message ? (
        <p role="status" data-testid="control-message" className="text-slate-600 dark:text-slate-300">
          {message}
        </p>
      ) : null}
      <InviteDialog hostId={hostId} uuid={uuid} open={inviting} onClose={() => setInviting(false)} />
    </section>
  );
}
