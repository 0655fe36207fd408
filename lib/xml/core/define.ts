// defineModel: turns a map of field descriptors into a model class with typed accessors,
// and records every declared field in a registry (tests check each one is exercised).
import type { ChildOrder } from "./dom";
import type { AnyField, ChildField, ListField, ValueField } from "./fields";
import { type ModelStatics, XmlModel } from "./model";
import type { ModelList } from "./model-list";
import { parsePath } from "./xpath";

export type FieldMap = Record<string, AnyField>;

type ValueKeys<F> = { [K in keyof F]: F[K] extends { kind: ValueField<unknown>["kind"] } ? K : never }[keyof F];
type StructureKeys<F> = Exclude<keyof F, ValueKeys<F>>;

/** The typed properties a field map gives a model. */
export type FieldValues<F> = { -readonly [K in ValueKeys<F>]: F[K] extends ValueField<infer V> ? V : never } & {
  readonly [K in StructureKeys<F>]: F[K] extends ChildField<infer M> ? M : F[K] extends ListField<infer M> ? ModelList<M> : never;
};

/** Values accepted by a model's constructor: any of its plain fields. */
export type ModelInit<F> = Partial<{ [K in ValueKeys<F>]: F[K] extends ValueField<infer V> ? V : never }>;

export type DefinedModelClass<F extends FieldMap> = (new (init?: ModelInit<F>) => XmlModel & FieldValues<F>) &
  ModelStatics & { readonly fields: F; parse: typeof XmlModel.parse };

export const modelRegistry = new Map<string, ModelStatics>();

/** For each tag path inside the model, the declared order of the child tags below it. */
function buildChildOrder(fields: FieldMap): ChildOrder {
  const orders = new Map<string, string[]>();
  for (const field of Object.values(fields)) {
    const tags = parsePath(field.path).steps.map((s) => s.tag);
    tags.forEach((tag, depth) => {
      const key = tags.slice(0, depth).join("/");
      const order = orders.get(key) ?? [];
      if (!order.includes(tag)) order.push(tag);
      orders.set(key, order);
    });
  }
  return (parentTags) => orders.get(parentTags.join("/")) ?? [];
}

/**
 * Declares a model class: `class Disk extends defineModel("Disk", "disk", { type: text("./@type"), ... }) {}`.
 * Declaration order of fields is the order new elements are inserted in.
 */
export function defineModel<F extends FieldMap>(modelName: string, rootTag: string, fields: F): DefinedModelClass<F> {
  if (modelRegistry.has(modelName)) throw new Error(`model ${modelName} is declared twice`);
  const childOrder = buildChildOrder(fields);
  class Model extends XmlModel {
    static readonly modelName = modelName;
    static readonly rootTag = rootTag;
    static readonly fields = fields;
    static readonly childOrder = childOrder;
  }
  for (const [key, field] of Object.entries(fields)) {
    const descriptor: PropertyDescriptor =
      field.kind === "child"
        ? {
            get(this: XmlModel) {
              return (field as ChildField<XmlModel>).get(this, key);
            },
          }
        : field.kind === "list"
          ? {
              get(this: XmlModel) {
                return (field as ListField<XmlModel>).get(this);
              },
            }
          : {
              get(this: XmlModel) {
                return (field as ValueField<unknown>).get(this);
              },
              set(this: XmlModel, value: unknown) {
                (field as ValueField<unknown>).set(this, value);
              },
            };
    Object.defineProperty(Model.prototype, key, { ...descriptor, enumerable: false, configurable: true });
  }
  modelRegistry.set(modelName, Model);
  return Model as unknown as DefinedModelClass<F>;
}
