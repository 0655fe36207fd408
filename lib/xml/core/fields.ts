// Field descriptors: one line per field, an xpath plus a converter (virtinst's XMLProperty).
// Reading a missing node gives undefined; writing creates the missing path; writing undefined
// removes the node and any parents it leaves empty.
import type { Element } from "@xmldom/xmldom";
import { ensurePath, findAll, findFirst, insertChild, parseDocument, pruneIfEmpty, removeAndPrune, setText, textOf } from "./dom";
import { LazyAnchor, type ModelCtor, type XmlModel, construct } from "./model";
import { ModelList } from "./model-list";
import { serializeChildren } from "./serialize";
import { type ParsedPath, parsePath } from "./xpath";

export interface ValueField<V> {
  readonly kind: "value" | "flag" | "values" | "raw";
  readonly path: string;
  get(model: XmlModel): V;
  set(model: XmlModel, value: V): void;
}

export interface ChildField<M extends XmlModel> {
  readonly kind: "child";
  readonly path: string;
  readonly model: () => ModelCtor<M>;
  get(model: XmlModel, key: string): M;
}

export interface ListField<M extends XmlModel> {
  readonly kind: "list";
  readonly path: string;
  readonly model: () => ModelCtor<M>;
  get(model: XmlModel): ModelList<M>;
}

export type AnyField = ValueField<never> | ValueField<unknown> | ChildField<XmlModel> | ListField<XmlModel>;

interface Converter<T> {
  read(raw: string): T | undefined;
  write(value: T): string;
}

function readRaw(context: Element, path: ParsedPath): string | undefined {
  const target = findFirst(context, path.steps);
  if (!target) return undefined;
  if (path.attr === undefined) return textOf(target);
  return target.hasAttribute(path.attr) ? (target.getAttribute(path.attr) ?? undefined) : undefined;
}

function removeAt(context: Element, path: ParsedPath): void {
  const target = findFirst(context, path.steps);
  if (!target) return;
  if (path.attr === undefined) {
    if (target !== context) removeAndPrune(target, context);
    return;
  }
  target.removeAttribute(path.attr);
  const last = path.steps[path.steps.length - 1];
  pruneIfEmpty(target, context, last ? last.predicates.map((p) => p.name) : []);
}

function valueField<T>(path: string, converter: Converter<T>): ValueField<T | undefined> {
  const parsed = parsePath(path);
  return {
    kind: "value",
    path,
    get(model) {
      const context = model.xmlElement(false);
      const raw = context ? readRaw(context, parsed) : undefined;
      return raw === undefined ? undefined : converter.read(raw);
    },
    set(model, value) {
      if (value === undefined) {
        const context = model.xmlElement(false);
        if (context) removeAt(context, parsed);
        return;
      }
      const target = ensurePath(model.xmlElement(true), parsed.steps, model.childOrder);
      const raw = converter.write(value);
      if (parsed.attr === undefined) setText(target, raw);
      else target.setAttribute(parsed.attr, raw);
    },
  };
}

const asString: Converter<string> = { read: (raw) => raw, write: (value) => value };
const asInt: Converter<number> = {
  read: (raw) => (raw.trim() === "" || Number.isNaN(Number(raw)) ? undefined : Number(raw)),
  write: (value) => String(value),
};
function asBoolean(yes: string, no: string): Converter<boolean> {
  return { read: (raw) => (raw === yes ? true : raw === no ? false : undefined), write: (value) => (value ? yes : no) };
}

function withAttr(path: string, attr: string): string {
  return `${path.replace(/\/$/, "")}/@${attr}`;
}

/** A string from an element's text or, with a trailing /@attr, an attribute. */
export function text<T extends string = string>(path: string): ValueField<T | undefined> {
  return valueField(path, asString as Converter<T>);
}
export function attr<T extends string = string>(path: string, name: string): ValueField<T | undefined> {
  return text<T>(withAttr(path, name));
}
export function int(path: string): ValueField<number | undefined> {
  return valueField(path, asInt);
}
export function intAttr(path: string, name: string): ValueField<number | undefined> {
  return int(withAttr(path, name));
}
/** A boolean stored as yes/no. */
export function yesNo(path: string): ValueField<boolean | undefined> {
  return valueField(path, asBoolean("yes", "no"));
}
/** A boolean stored as on/off. */
export function onOff(path: string): ValueField<boolean | undefined> {
  return valueField(path, asBoolean("on", "off"));
}

const UNIT_FACTORS: Record<string, number> = {
  b: 1,
  byte: 1,
  bytes: 1,
  k: 1024,
  kib: 1024,
  kb: 1000,
  m: 1024 ** 2,
  mib: 1024 ** 2,
  mb: 1000 ** 2,
  g: 1024 ** 3,
  gib: 1024 ** 3,
  gb: 1000 ** 3,
  t: 1024 ** 4,
  tib: 1024 ** 4,
  tb: 1000 ** 4,
  p: 1024 ** 5,
  pib: 1024 ** 5,
  pb: 1000 ** 5,
  e: 1024 ** 6,
  eib: 1024 ** 6,
  eb: 1000 ** 6,
};

/** A size element with a unit attribute, read in (and written as) `unit`; other units are converted. */
function sized(path: string, unit: "KiB" | "bytes"): ValueField<number | undefined> {
  const parsed = parsePath(path);
  const wanted = UNIT_FACTORS[unit.toLowerCase()];
  const number = valueField(path, asInt);
  return {
    kind: "value",
    path,
    get(model) {
      const context = model.xmlElement(false);
      const target = context && findFirst(context, parsed.steps);
      const value = number.get(model);
      if (!target || value === undefined) return undefined;
      const factor = UNIT_FACTORS[(target.getAttribute("unit") || unit).toLowerCase()];
      return factor === undefined ? undefined : Math.round((value * factor) / wanted);
    },
    set(model, value) {
      number.set(model, value);
      if (value !== undefined) ensurePath(model.xmlElement(true), parsed.steps, model.childOrder).setAttribute("unit", unit);
    },
  };
}
export const sizeKiB = (path: string) => sized(path, "KiB");
export const sizeBytes = (path: string) => sized(path, "bytes");

/** Presence of an empty element such as <readonly/>: true creates it, false removes it. */
export function flag(path: string): ValueField<boolean> {
  const parsed = parsePath(path);
  return {
    kind: "flag",
    path,
    get: (model) => {
      const context = model.xmlElement(false);
      return context !== null && findFirst(context, parsed.steps) !== null;
    },
    set(model, value) {
      if (value) ensurePath(model.xmlElement(true), parsed.steps, model.childOrder);
      else {
        const context = model.xmlElement(false);
        const target = context && findFirst(context, parsed.steps);
        if (context && target) removeAndPrune(target, context);
      }
    },
  };
}

/** All values of repeated nodes, e.g. ["hd", "cdrom"] from <boot dev='hd'/><boot dev='cdrom'/>; writing replaces them. */
export function values(path: string): ValueField<string[]> {
  const parsed = parsePath(path);
  const parentSteps = parsed.steps.slice(0, -1);
  const last = parsed.steps[parsed.steps.length - 1];
  return {
    kind: "values",
    path,
    get(model) {
      const context = model.xmlElement(false);
      if (!context) return [];
      const nodes = findAll(context, parsed.steps);
      return nodes.map((n) => (parsed.attr === undefined ? textOf(n) : n.getAttribute(parsed.attr))).filter((v): v is string => v !== null);
    },
    set(model, list) {
      const context = model.xmlElement(list.length > 0);
      if (!context) return;
      for (const node of findAll(context, parsed.steps)) node.parentNode?.removeChild(node);
      if (list.length === 0) {
        const parent = findFirst(context, parentSteps);
        if (parent) pruneIfEmpty(parent, context);
        return;
      }
      const parent = ensurePath(context, parentSteps, model.childOrder);
      const parentTags = parentSteps.map((s) => s.tag);
      for (const value of list) {
        const node = context.ownerDocument!.createElement(last.tag);
        for (const p of last.predicates) node.setAttribute(p.name, p.value);
        if (parsed.attr === undefined) setText(node, value);
        else node.setAttribute(parsed.attr, value);
        insertChild(parent, node, model.childOrder(parentTags));
      }
    },
  };
}

/** The children of an element as XML text, for opaque content such as <metadata>. */
export function rawXml(path: string): ValueField<string | undefined> {
  const parsed = parsePath(path);
  return {
    kind: "raw",
    path,
    get(model) {
      const context = model.xmlElement(false);
      const target = context && findFirst(context, parsed.steps);
      return target ? serializeChildren(target) : undefined;
    },
    set(model, xml) {
      const context = model.xmlElement(xml !== undefined);
      if (!context) return;
      const existing = findFirst(context, parsed.steps);
      if (xml === undefined) {
        if (existing) removeAndPrune(existing, context);
        return;
      }
      const target = existing ?? ensurePath(context, parsed.steps, model.childOrder);
      while (target.firstChild) target.removeChild(target.firstChild);
      const fragment = parseDocument(`<fragment>${xml}</fragment>`).documentElement!;
      for (let node = fragment.firstChild; node; node = node.nextSibling) target.appendChild(target.ownerDocument!.importNode(node, true));
    },
  };
}

/** One sub-model at path (e.g. <os>), created on first write to any of its fields. */
export function child<M extends XmlModel>(model: () => ModelCtor<M>, path: string): ChildField<M> {
  const parsed = parsePath(path);
  return {
    kind: "child",
    path,
    model,
    get(owner, key) {
      let sub = owner.subModels.get(key) as M | undefined;
      if (!sub) {
        sub = construct(model(), new LazyAnchor(owner, parsed.steps));
        owner.subModels.set(key, sub);
      }
      return sub;
    },
  };
}

/** Repeated sub-models at path (e.g. ./devices/disk), with add and remove. */
export function list<M extends XmlModel>(model: () => ModelCtor<M>, path: string): ListField<M> {
  const parsed = parsePath(path);
  return { kind: "list", path, model, get: (owner) => new ModelList(owner, parsed, model) };
}
