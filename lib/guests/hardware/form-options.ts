// Shared by the device forms and their tests: which options a select offers and what changing a field does to others.
import type { Choice, DeviceForm, DeviceValues, FieldValue, FormField, HardwareChoices } from "./types";

/** A select's options: from the host, by another field's value, or fixed. */
export function baseOptions(field: FormField, choices: HardwareChoices, values: DeviceValues): Choice[] {
  if (field.choices) return choices[field.choices];
  if (field.optionsBy) return field.optionsBy.options[String(values[field.optionsBy.field] ?? "")] ?? [];
  return field.options ?? [];
}

/**
 * The values after one field changed: a select whose options depend on that field takes the first of
 * its new options when its value is not among them (a SCSI model does not carry over to USB).
 */
export function withField(form: DeviceForm, values: DeviceValues, name: string, value: FieldValue): DeviceValues {
  const next = { ...values, [name]: value };
  for (const f of form.fields) {
    if (f.optionsBy?.field !== name) continue;
    const options = f.optionsBy.options[String(value ?? "")] ?? [];
    if (!options.some((o) => o.value === next[f.name])) next[f.name] = options[0]?.value ?? "";
  }
  return next;
}
