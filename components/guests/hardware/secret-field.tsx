"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import type { DeviceValues, FormField } from "@/lib/guests/hardware/types";
import { Button } from "@/components/ui/button";
import { LiveTag, controlClass } from "./form-controls";

type Mode = "keep" | "set" | "none";
const MODE = { keep: "keep", set: "set", none: "none" } as const satisfies Record<Mode, Mode>;

/**
 * A stored secret the page never sees (a display password): says whether one is set and offers to
 * change or remove it. Left alone it stays "keep", and the server keeps the stored value.
 */
export function SecretField({
  field,
  label,
  values,
  onChange,
  error,
  hint,
  live,
  disabled,
}: {
  field: FormField;
  /** The field's label in the person's language. */
  label: string;
  values: DeviceValues;
  onChange: (values: DeviceValues) => void;
  error?: string;
  hint?: string;
  live: boolean;
  disabled: boolean;
}) {
  const t = useTranslations("hardware.secret");
  const id = useId();
  const valueField = field.secretValue ?? "";
  const mode = values[field.name] as Mode;
  // What the device had when the page opened it: "keep" means a value is stored.
  const [initial] = useState(mode);
  const stored = initial === "keep";
  const noun = label.toLocaleLowerCase();
  const to = (next: Mode) => onChange({ ...values, [field.name]: next, [valueField]: "" });
  const status =
    mode === "keep"
      ? t("isSet", { label })
      : mode === "none"
        ? stored
          ? t("removedOnApply", { noun })
          : t("none", { noun })
        : stored
          ? t("replacedOnApply", { noun })
          : t("setOnApply", { noun });
  const message = error ?? (mode === "set" ? hint : undefined);
  const action = (label: string, next: Mode) => (
    <Button type="button" variant="secondary" disabled={disabled} onClick={() => to(next)}>
      {label}
    </Button>
  );
  return (
    <div role="group" aria-labelledby={`${id}-label`} className="space-y-1">
      <div className="flex flex-wrap items-baseline gap-2">
        <span id={`${id}-label`} className="text-sm font-medium">
          {label}
        </span>
        {live ? <LiveTag /> : null}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm" data-testid={`${field.name}-status`}>
          {status}
        </span>
        {mode === "keep" ? (
          <>
            {action(t("change", { noun }), MODE.set)}
            {action(t("remove", { noun }), MODE.none)}
          </>
        ) : null}
        {mode === "none" ? (stored ? action(t("keep", { noun }), MODE.keep) : action(t("set", { noun }), MODE.set)) : null}
        {mode === "set" ? action(t("cancel"), initial) : null}
      </div>
      {mode === "set" ? (
        <div className="space-y-1 pt-1">
          <label htmlFor={id} className="text-sm font-medium">
            {t("new", { noun })}
          </label>
          <input
            id={id}
            type="password"
            className={controlClass}
            value={String(values[valueField] ?? "")}
            disabled={disabled}
            onChange={(e) => onChange({ ...values, [valueField]: e.target.value })}
            autoComplete="new-password"
            aria-describedby={message ? `${id}-msg` : undefined}
            aria-invalid={error ? true : undefined}
          />
        </div>
      ) : null}
      {message ? (
        <p id={`${id}-msg`} className={error ? "text-sm text-red-600 dark:text-red-400" : "text-xs text-slate-500"}>
          {message}
        </p>
      ) : null}
    </div>
  );
}
