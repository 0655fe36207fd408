// Plain DOM operations on @xmldom/xmldom nodes: find, create-missing-path, remove-and-prune, text.
import { DOMParser, type Document, type Element, type Node } from "@xmldom/xmldom";
import type { PathStep } from "./xpath";

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_NODE = 4;

export function isElement(node: Node): node is Element {
  return node.nodeType === ELEMENT_NODE;
}

/** Parses a whole document; any parser complaint is an error, so broken XML is never half-read. */
export function parseDocument(xml: string): Document {
  const parser = new DOMParser({
    onError: (level, message) => {
      throw new Error(`invalid XML (${level}): ${message}`);
    },
  });
  return parser.parseFromString(xml, "text/xml");
}

export function newDocument(rootTag: string): Document {
  return parseDocument(`<${rootTag}/>`);
}

export function childElements(parent: Element, tag?: string): Element[] {
  const result: Element[] = [];
  for (let node: Node | null = parent.firstChild; node; node = node.nextSibling) {
    if (isElement(node) && (tag === undefined || node.tagName === tag)) result.push(node);
  }
  return result;
}

function matchesStep(el: Element, step: PathStep): boolean {
  return el.tagName === step.tag && step.predicates.every((p) => el.getAttribute(p.name) === p.value);
}

function stepMatches(parent: Element, step: PathStep): Element[] {
  const matching = childElements(parent).filter((el) => matchesStep(el, step));
  if (step.index === undefined) return matching;
  const picked = matching[step.index - 1];
  return picked ? [picked] : [];
}

/** Every element the steps reach from context, in document order. */
export function findAll(context: Element, steps: readonly PathStep[]): Element[] {
  let current = [context];
  for (const step of steps) current = current.flatMap((el) => stepMatches(el, step));
  return current;
}

export function findFirst(context: Element, steps: readonly PathStep[]): Element | null {
  let current: Element = context;
  for (const step of steps) {
    const next = stepMatches(current, step)[0];
    if (!next) return null;
    current = next;
  }
  return current;
}

/**
 * Which sibling tags come before which, for the children of an element reached by a tag path
 * (e.g. ["os"]). Used so created elements land where libvirt's schema and output expect them.
 */
export type ChildOrder = (parentTags: readonly string[]) => readonly string[];

/** Puts child under parent: after its last same-tag sibling, else before the first sibling ordered later. */
export function insertChild(parent: Element, child: Element, order: readonly string[]): void {
  const siblings = childElements(parent);
  const sameTag = siblings.filter((s) => s.tagName === child.tagName);
  if (sameTag.length > 0) {
    parent.insertBefore(child, sameTag[sameTag.length - 1].nextSibling);
    return;
  }
  const rank = order.indexOf(child.tagName);
  const later = rank < 0 ? undefined : siblings.find((s) => order.indexOf(s.tagName) > rank);
  parent.insertBefore(child, later ?? null);
}

/** Finds the element at steps, creating whatever is missing (predicates become attributes). */
export function ensurePath(context: Element, steps: readonly PathStep[], order: ChildOrder, baseTags: readonly string[] = []): Element {
  let current = context;
  const tags = [...baseTags];
  for (const step of steps) {
    const matching = childElements(current).filter((el) => matchesStep(el, step));
    const wanted = step.index ?? 1;
    while (matching.length < wanted) {
      const created = current.ownerDocument!.createElement(step.tag);
      for (const p of step.predicates) created.setAttribute(p.name, p.value);
      insertChild(current, created, order(tags));
      matching.push(created);
    }
    current = matching[wanted - 1];
    tags.push(step.tag);
  }
  return current;
}

/**
 * An element with no attributes, no child elements and no text says nothing and can go. Attributes
 * that only identify it (the predicate of `feature[@name='secure-boot']`) do not count.
 */
function isEmpty(el: Element, identifying: readonly string[] = []): boolean {
  for (let i = 0; i < el.attributes.length; i++) {
    if (!identifying.includes(el.attributes.item(i)!.name)) return false;
  }
  for (let node: Node | null = el.firstChild; node; node = node.nextSibling) {
    if (isElement(node)) return false;
    if ((node.nodeType === TEXT_NODE || node.nodeType === CDATA_NODE) && (node.nodeValue ?? "").trim() !== "") return false;
  }
  return true;
}

/**
 * Removes el from its parent. When that was the parent's last child element, the indentation left
 * behind goes too, so the parent prints as <parent .../> rather than with a blank line inside.
 */
export function detachElement(el: Element): void {
  const parent = el.parentNode as Element | null;
  if (!parent) return;
  parent.removeChild(el);
  let onlyBlank = true;
  for (let node: Node | null = parent.firstChild; node && onlyBlank; node = node.nextSibling) {
    onlyBlank = node.nodeType === TEXT_NODE && (node.nodeValue ?? "").trim() === "";
  }
  if (onlyBlank) while (parent.firstChild) parent.removeChild(parent.firstChild);
}

/** Removes el, then any ancestors left empty by that, stopping at (and keeping) stopAt. */
export function removeAndPrune(el: Element, stopAt: Element): void {
  let parent = el.parentNode as Element | null;
  detachElement(el);
  while (parent && parent !== stopAt && isElement(parent) && isEmpty(parent)) {
    const up = parent.parentNode as Element | null;
    up?.removeChild(parent);
    parent = up;
  }
}

export function pruneIfEmpty(el: Element, stopAt: Element, identifying: readonly string[] = []): void {
  if (el !== stopAt && isEmpty(el, identifying)) removeAndPrune(el, stopAt);
}

export function textOf(el: Element): string {
  return el.textContent ?? "";
}

export function setText(el: Element, value: string): void {
  while (el.firstChild) el.removeChild(el.firstChild);
  el.appendChild(el.ownerDocument!.createTextNode(value));
}
