"use client";

import { useTranslations } from "next-intl";
import { baseOptions, withField } from "@/lib/guests/hardware/form-options";
import type { Choice, DeviceFamily, DeviceForm, DeviceValues, FieldValue, FormField, HardwareChoices } from "@/lib/guests/hardware/types";
import { CheckField, LabeledField, controlClass } from "./form-controls";
import { SecretField } from "./secret-field";

type KindKey = Parameters<ReturnType<typeof useTranslations<"hardwareKinds">>>[0];

/** A device kind's name (the Add hardware list, a new device's heading), from messages keyed by its family. */
export function useKindName(): (family: DeviceFamily) => string {
  const t = useTranslations("hardwareKinds");
  return (family) => t(`family.${family}` as KindKey);
}

/**
 * A fixed option's words: the form's own (deviceFields, by labelKey), else messages keyed by family, field and
 * the libvirt value where they exist (hardwareKinds.option), "Hypervisor default" for libvirt's default, otherwise the value as libvirt names it.
 * Options from the host (a network called "default") are shown as the host names them.
 */
function useOptionText(family: DeviceFamily, field: FormField): (o: Choice) => string {
  const t = useTranslations("hardwareKinds");
  const tField = useTranslations("deviceFields");
  return (o) => {
    if (field.choices) return o.label;
    if (o.labelKey) return tField(o.labelKey);
    const key = `option.${family}.${field.name}.${o.value}` as KindKey;
    if (t.has(key)) return t(key);
    if (o.label === o.value && (o.value === "" || o.value === "default")) return t("hypervisorDefault");
    return o.label;
  };
}

/** A field's label and hint in the person's language (the form names them by deviceFields keys). */
export function useFieldText(): { label: (f: FormField) => string; hint: (f: FormField) => string | undefined } {
  const t = useTranslations("deviceFields");
  return {
    label: (f) => t(f.label),
    // A hint with values ({ms}) is the only kind that takes any; next-intl cannot type values over a union of keys.
    hint: (f) => (f.hint ? (f.hintValues ? t(f.hint as "emptyDefaultPeriod", f.hintValues as { ms: number }) : t(f.hint)) : undefined),
  };
}

/** Whether a field is shown for these values (its showIf condition). */
export function fieldVisible(field: FormField, values: DeviceValues): boolean {
  if (!field.showIf) return true;
  const { field: other, equals } = field.showIf;
  const current = values[other] ?? null;
  return Array.isArray(equals) ? equals.includes(current) : equals === current;
}

/**
 * Values as the family schema expects them: number inputs are edited as text (so "1." can be typed)
 * and become numbers, or null when left empty.
 */
export function formValues(form: DeviceForm, values: DeviceValues): DeviceValues {
  const out: DeviceValues = { ...values };
  for (const f of form.fields) {
    if (f.kind !== "number" || typeof out[f.name] !== "string") continue;
    const text = (out[f.name] as string).trim();
    out[f.name] = text === "" ? null : Number.isFinite(Number(text)) ? Number(text) : text;
  }
  return out;
}

function selectOptions(
  field: FormField,
  choices: HardwareChoices,
  values: DeviceValues,
  current: FieldValue,
  chooseLabel: string,
): Choice[] {
  const base = baseOptions(field, choices, values);
  const value = current === null || current === undefined ? "" : String(current);
  // Keep the device's own value selectable even when the host no longer lists it (or the list is still loading).
  if (value !== "" && !base.some((o) => o.value === value)) return [{ value, label: value }, ...base];
  if (value === "" && !base.some((o) => o.value === "")) return [{ value: "", label: chooseLabel }, ...base];
  return base;
}

function Control({
  family,
  field,
  value,
  values,
  onChange,
  choices,
  disabled,
  props,
}: {
  family: DeviceFamily;
  field: FormField;
  value: FieldValue;
  values: DeviceValues;
  onChange: (v: FieldValue) => void;
  choices: HardwareChoices;
  disabled: boolean;
  props: { id: string; "aria-describedby"?: string; "aria-invalid"?: boolean };
}) {
  const t = useTranslations("hardware.device");
  const optionText = useOptionText(family, field);
  const text = value === null || value === undefined ? "" : String(value);
  switch (field.kind) {
    case "textarea":
      return (
        <textarea
          {...props}
          rows={4}
          className={`${controlClass} font-mono`}
          value={text}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case "number":
      return (
        <input
          {...props}
          type="number"
          inputMode="decimal"
          className={`${controlClass} max-w-48`}
          value={text}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case "select":
      return (
        <select {...props} className={controlClass} value={text} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
          {selectOptions(field, choices, values, value, t("choose")).map((o) => (
            <option key={o.value} value={o.value} disabled={Boolean(o.disabledReason) || (o.value === "" && text !== "")}>
              {o.disabledReason ? t("withReason", { label: optionText(o), reason: o.disabledReason }) : optionText(o)}
            </option>
          ))}
        </select>
      );
    default:
      return (
        <input
          {...props}
          className={controlClass}
          value={text}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
      );
  }
}

/**
 * Draws any family's DeviceForm: conditions, fixed-after-adding fields, host option lists, units, hints,
 * the "applies at once" mark and per-field messages. The values are the caller's state.
 */
export function DeviceFormFields({
  form,
  values,
  onChange,
  errors,
  mode,
  choices,
  running,
  disabled = false,
}: {
  form: DeviceForm;
  values: DeviceValues;
  onChange: (values: DeviceValues) => void;
  errors: Record<string, string>;
  mode: "add" | "edit";
  choices: HardwareChoices;
  running: boolean;
  disabled?: boolean;
}) {
  const t = useTranslations("hardware.device");
  const words = useFieldText();
  const set = (name: string, v: FieldValue) => onChange(withField(form, values, name, v));
  const shown = form.fields.filter((f) => fieldVisible(f, values));
  // Messages for fields not on screen (hidden by a condition, or whole-form ones) still need to be seen.
  const fieldLabel = (name: string) => {
    const f = form.fields.find((f) => f.name === name);
    return f ? words.label(f) : name;
  };
  const other = Object.entries(errors).filter(([name]) => !shown.some((f) => f.name === name || f.secretValue === name));
  return (
    <div className="space-y-4">
      {shown.map((f) => {
        const fixed = disabled || (mode === "edit" && Boolean(f.addOnly));
        const label = words.label(f);
        const hint = mode === "edit" && f.addOnly ? [words.hint(f), t("fixed")].filter(Boolean).join(". ") : words.hint(f);
        if (f.kind === "secret") {
          return (
            <SecretField
              key={f.name}
              field={f}
              label={label}
              values={values}
              onChange={onChange}
              error={errors[f.name] ?? (f.secretValue ? errors[f.secretValue] : undefined)}
              hint={words.hint(f)}
              live={mode === "edit" && running && Boolean(f.live)}
              disabled={fixed}
            />
          );
        }
        if (f.kind === "checkbox") {
          return (
            <CheckField
              key={f.name}
              label={label}
              checked={values[f.name] === true}
              onChange={(c) => set(f.name, c)}
              error={errors[f.name]}
              hint={hint}
              live={mode === "edit" && running && f.live}
              disabled={fixed}
            />
          );
        }
        return (
          <LabeledField
            key={f.name}
            label={label}
            error={errors[f.name]}
            hint={hint}
            unit={f.unit}
            live={mode === "edit" && running && f.live}
          >
            {(props) => (
              <Control
                family={form.family}
                field={f}
                value={values[f.name] ?? null}
                values={values}
                onChange={(v) => set(f.name, v)}
                choices={choices}
                disabled={fixed}
                props={props}
              />
            )}
          </LabeledField>
        );
      })}
      {other.map(([name, message]) => (
        <p key={name} className="text-sm text-red-600 dark:text-red-400">
          {name === "_" ? message : t("fieldMessage", { field: fieldLabel(name), message })}
        </p>
      ))}
    </div>
  );
}
