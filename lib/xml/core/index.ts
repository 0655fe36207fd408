export { defineModel, modelRegistry, type DefinedModelClass, type FieldMap, type FieldValues, type ModelInit } from "./define";
export { attr, child, flag, int, intAttr, list, onOff, rawXml, sizeBytes, sizeKiB, text, values, yesNo } from "./fields";
export type { AnyField, ChildField, ListField, ValueField } from "./fields";
export { XmlModel, wrapElement, type ModelCtor, type ModelStatics } from "./model";
export { ModelList } from "./model-list";
export { childElements } from "./dom";
export { serializeXml } from "./serialize";
export { snapshotModel, walkModel, type FieldVisit } from "./walk";
