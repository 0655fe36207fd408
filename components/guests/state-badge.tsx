import { useTranslations } from "next-intl";
import type { GuestState } from "@/lib/guests/types";
import { stateTones } from "@/lib/text/format";

/**
 * Coloured state with libvirt's reason beside it on hover (and under it when `showReason`). A shut-off template
 * shows "Template" instead: it is not a stopped guest but the base of new ones. The state's word is the message
 * guests.state.<state>.
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
  const t = useTranslations("guests");
  if (template && state === "shutoff")
    return (
      <span
        data-testid="template-badge"
        title={t("templateHint")}
        className="rounded-full bg-violet-100 px-2 py-0.5 text-xs font-medium text-violet-800 dark:bg-violet-950 dark:text-violet-200"
      >
        {t("template")}
      </span>
    );
  const label = t(`state.${state}`);
  return (
    <span className="inline-flex flex-col items-start leading-tight" title={reason ? `${label}: ${reason}` : undefined}>
      <span data-testid="state-badge" data-state={state} className={`rounded-full px-2 py-0.5 text-xs font-medium ${stateTones[state]}`}>
        {label}
      </span>
      {showReason && reason && reason !== "unknown" ? <span className="mt-0.5 truncate text-[11px] text-slate-500">{reason}</span> : null}
    </span>
  );
}
