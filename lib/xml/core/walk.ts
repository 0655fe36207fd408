// Generic traversal over declared fields: plain snapshots for comparisons, and per-field visits
// (used by the tests that check every declared field is exercised by some fixture).
import type { ChildField, ListField, ValueField } from "./fields";
import type { XmlModel } from "./model";

export interface FieldVisit {
  modelName: string;
  field: string;
  value: unknown;
}

type Snapshot = { [field: string]: unknown };

function fieldsOf(model: XmlModel) {
  return Object.entries(model.statics.fields) as [string, ValueField<unknown> | ChildField<XmlModel> | ListField<XmlModel>][];
}

/** Calls visit for every declared field of model and, recursively, of its present sub-models. */
export function walkModel(model: XmlModel, visit: (v: FieldVisit) => void): void {
  const modelName = model.statics.modelName;
  for (const [field] of fieldsOf(model)) {
    const value = (model as unknown as Record<string, unknown>)[field];
    visit({ modelName, field, value });
    if (value && typeof value === "object" && "present" in value) {
      const sub = value as XmlModel;
      if (sub.present) walkModel(sub, visit);
    } else if (value && typeof value === "object" && "items" in value) {
      for (const item of (value as { items: XmlModel[] }).items) walkModel(item, visit);
    }
  }
}

/** Every declared value as plain data (absent sub-models and undefined values left out). */
export function snapshotModel(model: XmlModel): Snapshot {
  const result: Snapshot = {};
  for (const [field, def] of fieldsOf(model)) {
    const value = (model as unknown as Record<string, unknown>)[field];
    if (def.kind === "child") {
      const sub = value as XmlModel;
      if (sub.present) result[field] = snapshotModel(sub);
    } else if (def.kind === "list") {
      const items = (value as { items: XmlModel[] }).items;
      if (items.length > 0) result[field] = items.map(snapshotModel);
    } else if (value !== undefined && value !== false && !(Array.isArray(value) && value.length === 0)) {
      result[field] = value;
    }
  }
  return result;
}
