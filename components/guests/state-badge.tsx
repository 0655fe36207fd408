import type { GuestState } from "@/lib/guests/types";
import { stateLabels, stateTones } from "@/lib/text/format";

/** Coloured state with libvirt's reason beside it on hover (and under it when `showReason`). */
export function StateBadge({ state, reason, showReason = false }: { state: GuestState; reason?: string; showReason?: boolean }) {
  return (
    <span className="inline-flex flex-col items-start leading-tight" title={reason ? `${stateLabels[state]}: ${reason}` : undefined}>
      <span data-testid="state-badge" data-state={state} className={`rounded-full px-2 py-0.5 text-xs font-medium ${stateTones[state]}`}>
        {stateLabels[state]}
      </span>
      {showReason && reason && reason !== "unknown" ? <span className="mt-0.5 truncate text-[11px] text-slate-500">{reason}</span> : null}
    </span>
  );
}
