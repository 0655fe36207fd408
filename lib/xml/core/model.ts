// XmlModel: a typed view over one element of a live document. Fields read and write the DOM
// directly, so whatever a model does not declare stays untouched (virtinst's XMLBuilder idea).
import type { Element } from "@xmldom/xmldom";
import { type ChildOrder, detachElement, ensurePath, findFirst, newDocument, parseDocument } from "./dom";
import { serializeXml } from "./serialize";
import type { PathStep } from "./xpath";

/** Where a model's element lives: fixed, or found (and created on first write) under a parent. */
interface Anchor {
  resolve(create: boolean): Element | null;
}

class FixedAnchor implements Anchor {
  constructor(readonly element: Element) {}
  resolve(): Element {
    return this.element;
  }
}

export class LazyAnchor implements Anchor {
  constructor(
    private readonly parent: XmlModel,
    private readonly steps: readonly PathStep[],
  ) {}
  resolve(create: boolean): Element | null {
    const parentElement = this.parent.xmlElement(create);
    if (!parentElement) return null;
    const found = findFirst(parentElement, this.steps);
    if (found || !create) return found;
    return ensurePath(parentElement, this.steps, this.parent.childOrder);
  }
}

/** What defineModel puts on every model class. */
export interface ModelStatics {
  readonly modelName: string;
  readonly rootTag: string;
  readonly fields: Readonly<Record<string, { readonly kind: string; readonly path: string }>>;
  readonly childOrder: ChildOrder;
}

export type ModelCtor<M extends XmlModel> = new (...args: never[]) => M;

// The constructor takes the anchor from here when a model wraps an existing element; a plain
// `new Disk()` finds nothing and starts a fresh document of its own.
let pendingAnchor: Anchor | undefined;
const wrappers = new WeakMap<Element, XmlModel>();

/** The model object for an existing element (one object per element and class). */
export function wrapElement<M extends XmlModel>(cls: ModelCtor<M>, element: Element): M {
  const cached = wrappers.get(element);
  if (cached instanceof cls) return cached;
  const model = construct(cls, new FixedAnchor(element));
  wrappers.set(element, model);
  return model;
}

export function construct<M extends XmlModel>(cls: ModelCtor<M>, anchor: Anchor): M {
  pendingAnchor = anchor;
  try {
    return new (cls as unknown as new () => M)();
  } finally {
    pendingAnchor = undefined;
  }
}

export abstract class XmlModel {
  private anchor: Anchor;
  /** Sub-model objects by field name, so `domain.os === domain.os`. */
  readonly subModels = new Map<string, XmlModel>();

  constructor(init?: object) {
    const anchor = pendingAnchor;
    pendingAnchor = undefined;
    this.anchor = anchor ?? new FixedAnchor(newDocument(this.statics.rootTag).documentElement!);
    if (init) Object.assign(this, init);
  }

  /** Parses a whole libvirt document whose root element is this model's. */
  static parse<M extends XmlModel>(this: ModelCtor<M> & ModelStatics, xml: string): M {
    const root = parseDocument(xml).documentElement;
    if (!root || root.tagName !== this.rootTag) {
      throw new Error(`expected <${this.rootTag}> XML for ${this.modelName}, got <${root?.tagName ?? "nothing"}>`);
    }
    return wrapElement(this, root);
  }

  get statics(): ModelStatics {
    return this.constructor as unknown as ModelStatics;
  }

  get childOrder(): ChildOrder {
    return this.statics.childOrder;
  }

  /** The element behind this model; with create, a missing (lazy) element is made now. */
  xmlElement(create: true): Element;
  xmlElement(create?: boolean): Element | null;
  xmlElement(create = false): Element | null {
    return this.anchor.resolve(create);
  }

  /** True when the element exists (a lazy sub-model may not have one yet). */
  get present(): boolean {
    return this.xmlElement(false) !== null;
  }

  /** Points this model at another element (used when a list adopts a model built on its own). */
  rebind(element: Element): void {
    this.anchor = new FixedAnchor(element);
    wrappers.set(element, this);
  }

  /** Removes this model's element from its parent; unknown content inside it goes too. */
  removeFromParent(): void {
    const element = this.xmlElement(false);
    if (element) detachElement(element);
  }

  /** libvirt-style XML of this element (a whole document for top-level models). */
  toXml(): string {
    const element = this.xmlElement(false);
    return element ? serializeXml(element) : `<${this.statics.rootTag}/>`;
  }
}
