"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { api } from "@/lib/client/api";
import { useFallbackInterval } from "@/lib/client/live-events";
import { queryKeys } from "@/lib/client/live-keys";
import { controllerOf, type ConsoleRequest, type PresenceResponse, type Seat } from "@/lib/consoles/presence";
import { InviteDialog } from "./invite-dialog";
import type { ControlAsk, OwnSeat } from "./use-vnc-session";

const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

function what(seat: Seat): string {
  if (seat.kind === "vnc") return seat.mode === "control" ? "in control" : "watching";
  if (seat.kind === "spice") return "on the SPICE display";
  return `on ${seat.device ?? "the serial console"}`;
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
    <section aria-label="People on this console" data-testid="console-presence" className="flex flex-col gap-1 text-sm">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="text-slate-500">On this guest:</span>
        {seats.length === 0 ? <span className="text-slate-500">nobody else</span> : null}
        {seats.map((s) => (
          <span key={s.id} data-testid="presence-seat" data-mode={s.mode} data-you={s.id === mine ? "true" : undefined}>
            <strong>{s.name}</strong>
            {s.id === mine ? " (you)" : ""} {what(s)} since {time(s.since)}
          </span>
        ))}
        {request && seat ? (
          <span className="flex gap-1">
            {seat.mode === "control" ? (
              <Button variant="secondary" className={button} onClick={() => request({ type: "control.release" })}>
                Stop controlling
              </Button>
            ) : (
              <>
                {holder && holder.id !== mine ? (
                  <Button variant="secondary" className={button} onClick={() => request({ type: "control.ask" })}>
                    Ask for control
                  </Button>
                ) : null}
                {!holder || seat.mayTake ? (
                  <Button variant="secondary" className={button} onClick={() => request({ type: "control.take" })}>
                    Take control
                  </Button>
                ) : null}
              </>
            )}
          </span>
        ) : null}
        <Button variant="ghost" className={button} onClick={() => setInviting(true)}>
          Invite a colleague to watch…
        </Button>
      </div>
      {request
        ? asks.map((a) => (
            <div key={a.from} role="alert" className="flex flex-wrap items-center gap-2 rounded-md bg-amber-50 px-3 py-2 dark:bg-amber-950">
              <span>
                <strong>{a.name}</strong> asks for control of this display.
              </span>
              <Button className={button} onClick={() => request({ type: "control.answer", to: a.from, give: true })}>
                Give control
              </Button>
              <Button variant="secondary" className={button} onClick={() => request({ type: "control.answer", to: a.from, give: false })}>
                Keep control
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
