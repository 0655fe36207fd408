"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { stopReasonText, stoppedByTrouble, type GuestTrouble } from "@/lib/guests/stop-reason";
import type { GuestRow } from "@/lib/guests/types";
import { stateLabels } from "@/lib/text/format";
import { guestPath } from "./use-guest-actions";

/**
 * Why a paused or crashed guest is so, in words; when it stopped by itself, those who manage it also see
 * the disks libvirt saw fail and the last lines of QEMU's log.
 */
export function StopNotice({ g, canManage }: { g: GuestRow; canManage: boolean }) {
  const text = stopReasonText(g.state, g.stateReason);
  const trouble = stoppedByTrouble(g.state, g.stateReason);
  const details = useQuery({
    queryKey: ["guest-trouble", g.hostId, g.uuid, g.state, g.stateReason],
    queryFn: () => api<GuestTrouble>(`${guestPath(g)}/trouble`),
    enabled: canManage && trouble,
  });
  if (!text) return null;
  const tone = trouble
    ? "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
    : "border-slate-200 bg-slate-50 text-slate-800 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200";
  const t = details.data;
  return (
    <section aria-label="Why the guest stopped" className={`space-y-2 rounded-md border px-3 py-2 text-sm ${tone}`}>
      <p>
        <strong>{stateLabels[g.state]}:</strong> {text}.
      </p>
      {t?.diskErrors.length ? (
        <ul className="list-inside list-disc">
          {t.diskErrors.map((e) => (
            <li key={e.disk}>
              Disk {e.disk}: {e.error}
            </li>
          ))}
        </ul>
      ) : null}
      {t && "lines" in t.log ? (
        <div>
          <p className="font-medium">Last lines of QEMU&apos;s log ({t.log.path})</p>
          <pre
            aria-label="QEMU log"
            className="mt-1 max-h-64 overflow-auto rounded bg-white/70 p-2 font-mono text-xs whitespace-pre-wrap dark:bg-black/30"
          >
            {t.log.lines.join("\n") || "(empty)"}
          </pre>
        </div>
      ) : null}
      {t && "unavailable" in t.log ? <p className="text-xs">{t.log.unavailable}</p> : null}
      {details.error ? <p className="text-xs">The details could not be read: {details.error.message}</p> : null}
    </section>
  );
}
