"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { api } from "@/lib/client/api";
import { stopReason, stoppedByTrouble, type GuestTrouble } from "@/lib/guests/stop-reason";
import type { GuestRow } from "@/lib/guests/types";
import { guestPath } from "./use-guest-actions";

/** The API's word for a disk that ran out of space (GuestTrouble.diskErrors). */
const DISK_FULL = "no space left" satisfies GuestTrouble["diskErrors"][number]["error"];

/**
 * Why a paused or crashed guest is so, in words; when it stopped by itself, those who manage it also see
 * the disks libvirt saw fail and the last lines of QEMU's log.
 */
export function StopNotice({ g, canManage }: { g: GuestRow; canManage: boolean }) {
  const t = useTranslations("guest.stop");
  const tGuests = useTranslations("guests");
  const tReason = useTranslations("stopReason");
  const why = stopReason(g.state, g.stateReason);
  const trouble = stoppedByTrouble(g.state, g.stateReason);
  const details = useQuery({
    queryKey: ["guest-trouble", g.hostId, g.uuid, g.state, g.stateReason],
    queryFn: () => api<GuestTrouble>(`${guestPath(g)}/trouble`),
    enabled: canManage && trouble,
  });
  if (!why) return null;
  const tone = trouble
    ? "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
    : "border-slate-200 bg-slate-50 text-slate-800 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200";
  const found = details.data;
  return (
    <section aria-label={t("label")} className={`space-y-2 rounded-md border px-3 py-2 text-sm ${tone}`}>
      <p>
        <strong>{tGuests(`state.${g.state}`)}:</strong> {"reason" in why ? tReason(why.key, { reason: why.reason }) : tReason(why.key)}
      </p>
      {found?.diskErrors.length ? (
        <ul className="list-inside list-disc">
          {found.diskErrors.map((e) => (
            <li key={e.disk}>{t("diskError", { disk: e.disk, error: tReason(e.error === DISK_FULL ? "noSpace" : "ioError") })}</li>
          ))}
        </ul>
      ) : null}
      {found && "lines" in found.log ? (
        <div>
          <p className="font-medium">{t("logTitle", { path: found.log.path })}</p>
          <pre
            aria-label={t("log")}
            className="mt-1 max-h-64 overflow-auto rounded bg-white/70 p-2 font-mono text-xs whitespace-pre-wrap dark:bg-black/30"
          >
            {found.log.lines.join("\n") || t("logEmpty")}
          </pre>
        </div>
      ) : null}
      {found && "unavailable" in found.log ? <p className="text-xs">{found.log.unavailable}</p> : null}
      {details.error ? <p className="text-xs">{t("detailsFailed", { message: details.error.message })}</p> : null}
    </section>
  );
}
