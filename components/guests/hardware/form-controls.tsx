"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { Button } from "@/components/ui/button";

// Labels are <label htmlFor> beside their control (not wrapping it), so the "applies at once" tag and
// units stay out of the control's accessible name.

export const controlClass =
  "w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm outline-none focus:border-blue-500 focus:ring-2 focus:ring-blue-500/30 disabled:bg-slate-100 disabled:text-slate-500 dark:border-slate-600 dark:bg-slate-900 dark:disabled:bg-slate-800";

export function LiveTag() {
  const t = useTranslations("hardware.controls");
  return (
    <span className="rounded bg-emerald-100 px-1.5 py-0.5 text-xs text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300">
      {t("live")}
    </span>
  );
}

export function PendingBadge() {
  const t = useTranslations("hardware.controls");
  return (
    <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-950 dark:text-amber-300">
      {t("pending")}
    </span>
  );
}

type ControlProps = { id: string; "aria-describedby"?: string; "aria-invalid"?: boolean };

/** A labelled control with its error (or hint) and unit; `children` renders the control with the ids to use. */
export function LabeledField({
  label,
  error,
  hint,
  unit,
  live = false,
  children,
}: {
  label: string;
  error?: string;
  hint?: string;
  unit?: string;
  live?: boolean;
  children: (props: ControlProps) => React.ReactNode;
}) {
  const id = useId();
  const msgId = `${id}-msg`;
  const message = error ?? hint;
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-baseline gap-2">
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
        {live ? <LiveTag /> : null}
      </div>
      <div className="flex items-center gap-2">
        {children({ id, "aria-describedby": message ? msgId : undefined, "aria-invalid": error ? true : undefined })}
        {unit ? <span className="shrink-0 text-sm text-slate-500">{unit}</span> : null}
      </div>
      {message ? (
        <p id={msgId} className={error ? "text-sm text-red-600 dark:text-red-400" : "text-xs text-slate-500"}>
          {message}
        </p>
      ) : null}
    </div>
  );
}

export function CheckField({
  label,
  checked,
  onChange,
  error,
  hint,
  live = false,
  disabled,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string;
  hint?: string;
  live?: boolean;
  disabled?: boolean;
}) {
  const id = useId();
  const message = error ?? hint;
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-2">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          disabled={disabled}
          onChange={(e) => onChange(e.target.checked)}
          aria-describedby={message ? `${id}-msg` : undefined}
          className="h-4 w-4"
        />
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
        {live ? <LiveTag /> : null}
      </div>
      {message ? (
        <p id={`${id}-msg`} className={error ? "text-sm text-red-600 dark:text-red-400" : "text-xs text-slate-500"}>
          {message}
        </p>
      ) : null}
    </div>
  );
}

/** Read-only facts as a two-column list. */
export function Facts({ label, items }: { label: string; items: [string, React.ReactNode][] }) {
  return (
    <dl aria-label={label} className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1.5 text-sm">
      {items.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-500">{k}</dt>
          <dd className="break-all">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Warning({ children }: { children: React.ReactNode }) {
  return (
    <p
      role="note"
      className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
    >
      {children}
    </p>
  );
}

/**
 * A hardware page: title, the controls (disabled as a whole for read-only users), and Apply/Revert.
 * `dirty` enables the buttons so nobody applies nothing.
 */
export function SectionPage({
  title,
  pending,
  canManage,
  dirty,
  busy,
  onApply,
  onRevert,
  extraActions,
  children,
}: {
  title: string;
  pending?: boolean;
  canManage: boolean;
  dirty: boolean;
  busy: boolean;
  onApply: () => void;
  onRevert: () => void;
  extraActions?: React.ReactNode;
  children: React.ReactNode;
}) {
  const t = useTranslations("hardware.controls");
  return (
    <form
      noValidate
      aria-label={title}
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        // Enter in a field submits too; nothing to apply is not a request.
        if (canManage && dirty && !busy) onApply();
      }}
    >
      <h2 className="flex items-center gap-2 text-lg font-semibold">
        {title}
        {pending ? <PendingBadge /> : null}
      </h2>
      <fieldset disabled={!canManage} className="space-y-4">
        {children}
      </fieldset>
      {canManage ? (
        <div className="flex flex-wrap gap-2 border-t border-slate-200 pt-4 dark:border-slate-800">
          <Button type="submit" disabled={!dirty || busy}>
            {busy ? t("applying") : t("apply")}
          </Button>
          <Button type="button" variant="secondary" disabled={!dirty || busy} onClick={onRevert}>
            {t("revert")}
          </Button>
          {extraActions}
        </div>
      ) : (
        <p className="text-xs text-slate-500">{t("readOnly")}</p>
      )}
    </form>
  );
}
