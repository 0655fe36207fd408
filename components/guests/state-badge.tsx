import type { GuestState } from "@/lib/guests/types";
import { stateLabels, stateTones } from "@/lib/text/format";

/**
 * Coloured state with libvirt's reason beside it on hover (and under it when `showReason`). A shut-off template
 * shows "Template" instead: it is not a stopped guest but the base of new ones.
 */
export function StateBadge({
  state,
  reason,
  showReason = false,
  template = false,
}: {
  state: GuestState;
  reason?: string;
  showReason?: boolean;
  template?: boolean;
}) {
  if (template && state === "shutoff")
    return (
      <span
        data-testid="template-badge"
        title="A template: never started, the base of new guests"
        className="rounded-full bg-violet-100 px-2 py-0.5 text-xs font-medium text-violet-800 dark:bg-violet-950 dark:text-violet-200"
      >
        Template
      </span>
    );
  return (
    <span className="inline-flex flex-col items-start leading-tight" title={reason ? `${stateLabels[state]}: ${reason}` : undefined}>
      <span data-testid="state-badge" data-state={state} className={`rounded-full px-2 py-0.5 text-xs font-medium ${stateTones[state]}`}>
        {stateLabels[state]}
      </span>
      {showReason && reason && reason !== "unknown" ? <span className="mt-0.5 truncate text-[11px] text-slate-500">{reason}</span> : null}
    </span>
  );
}
