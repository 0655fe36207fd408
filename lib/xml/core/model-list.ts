// A live list of sub-models over repeated elements (./devices/disk). Items are read from the
// document on every access, so edits made elsewhere in the document are always visible.
import type { Element } from "@xmldom/xmldom";
import { ensurePath, findAll, findFirst, insertChild, pruneIfEmpty } from "./dom";
import { type ModelCtor, type XmlModel, wrapElement } from "./model";
import type { ParsedPath } from "./xpath";

export class ModelList<M extends XmlModel> implements Iterable<M> {
  constructor(
    private readonly owner: XmlModel,
    private readonly path: ParsedPath,
    private readonly model: () => ModelCtor<M>,
  ) {}

  get items(): M[] {
    const context = this.owner.xmlElement(false);
    if (!context) return [];
    const cls = this.model();
    return findAll(context, this.path.steps).map((el) => wrapElement(cls, el));
  }

  get length(): number {
    return this.items.length;
  }

  at(index: number): M | undefined {
    return this.items.at(index);
  }

  find(predicate: (item: M) => boolean): M | undefined {
    return this.items.find(predicate);
  }

  filter(predicate: (item: M) => boolean): M[] {
    return this.items.filter(predicate);
  }

  map<T>(fn: (item: M, index: number) => T): T[] {
    return this.items.map(fn);
  }

  [Symbol.iterator](): Iterator<M> {
    return this.items[Symbol.iterator]();
  }

  /**
   * Adds item at the end of its kind (after the last sibling with the same tag). A model built on
   * its own (`new Disk()`) is copied into this document and from then on edits it in place.
   */
  add(item: M): M {
    const steps = this.path.steps;
    const last = steps[steps.length - 1];
    const source = item.xmlElement(true);
    if (source.tagName !== last.tag) throw new Error(`cannot add <${source.tagName}> to a list of <${last.tag}>`);
    const context = this.owner.xmlElement(true);
    const parentSteps = steps.slice(0, -1);
    const parent = ensurePath(context, parentSteps, this.owner.childOrder);
    let element: Element;
    if (source.ownerDocument === parent.ownerDocument) {
      source.parentNode?.removeChild(source);
      element = source;
    } else {
      element = parent.ownerDocument!.importNode(source, true) as Element;
    }
    for (const p of last.predicates) element.setAttribute(p.name, p.value);
    insertChild(parent, element, this.owner.childOrder(parentSteps.map((s) => s.tag)));
    item.rebind(element);
    return item;
  }

  /** Removes item's element; parents left empty (e.g. <devices/>) are kept, they are structural. */
  remove(item: M): boolean {
    const element = item.xmlElement(false);
    if (!element || !this.items.includes(item)) return false;
    element.parentNode?.removeChild(element);
    return true;
  }

  clear(): void {
    const context = this.owner.xmlElement(false);
    if (!context) return;
    for (const item of this.items) item.removeFromParent();
    const parent = findFirst(context, this.path.steps.slice(0, -1));
    if (parent) pruneIfEmpty(parent, context);
  }
}
