// Writes XML the way libvirt does (single-quoted attributes, two-space indentation, <empty/>),
// so an unedited libvirt document comes back byte for byte and edited ones diff cleanly.
import type { Element, Node } from "@xmldom/xmldom";
import { isElement } from "./dom";

const TEXT_NODE = 3;
const CDATA_NODE = 4;
const PI_NODE = 7;
const COMMENT_NODE = 8;

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "'": "&apos;", '"': "&quot;" };

/**
 * libvirt writes its own elements with single quotes and escapes both quote characters; foreign
 * content under <metadata> is dumped by libxml2 instead (double quotes, quotes in text left alone).
 */
type Style = "libvirt" | "libxml";

function escape(value: string, style: Style, inAttribute: boolean): string {
  const pattern = style === "libvirt" ? /[&<>'"]/g : inAttribute ? /[&<>"]/g : /[&<>]/g;
  return value.replace(pattern, (ch) => ESCAPES[ch]);
}

function isBlankText(node: Node): boolean {
  return node.nodeType === TEXT_NODE && (node.nodeValue ?? "").trim() === "";
}

/** Indent only element-only content; text with elements mixed in is kept exactly as it is. */
function isElementOnly(el: Element): boolean {
  let hasElement = false;
  for (let node: Node | null = el.firstChild; node; node = node.nextSibling) {
    if (isElement(node)) hasElement = true;
    else if (node.nodeType === TEXT_NODE && !isBlankText(node)) return false;
    else if (node.nodeType === CDATA_NODE) return false;
  }
  return hasElement;
}

function openTag(el: Element, style: Style): string {
  const quote = style === "libvirt" ? "'" : '"';
  let out = `<${el.tagName}`;
  for (let i = 0; i < el.attributes.length; i++) {
    const attr = el.attributes.item(i)!;
    out += ` ${attr.name}=${quote}${escape(attr.value, style, true)}${quote}`;
  }
  return out;
}

function serializeNode(node: Node, indent: string, pretty: boolean, style: Style): string {
  if (isElement(node)) return serializeElement(node, indent, pretty, style);
  const value = node.nodeValue ?? "";
  switch (node.nodeType) {
    case TEXT_NODE:
      return escape(value, style, false);
    case CDATA_NODE:
      return `<![CDATA[${value}]]>`;
    case COMMENT_NODE:
      return `<!--${value}-->`;
    case PI_NODE:
      return `<?${(node as unknown as { target: string }).target} ${value}?>`;
    default:
      return "";
  }
}

function serializeElement(el: Element, indent: string, pretty: boolean, style: Style): string {
  const start = openTag(el, style);
  const childStyle = el.tagName === "metadata" ? "libxml" : style;
  if (!el.firstChild) return `${start}/>`;
  if (pretty && isElementOnly(el)) {
    // Blank lines between children are kept (libvirt's capabilities output has them).
    const inner = `${indent}  `;
    let out = `${start}>`;
    let blankLine = false;
    for (let node: Node | null = el.firstChild; node; node = node.nextSibling) {
      if (isBlankText(node)) {
        blankLine = (node.nodeValue ?? "").split("\n").length > 2;
        continue;
      }
      out += `${blankLine ? "\n" : ""}\n${inner}${serializeNode(node, inner, true, childStyle)}`;
      blankLine = false;
    }
    return `${out}${blankLine ? "\n" : ""}\n${indent}</${el.tagName}>`;
  }
  let out = `${start}>`;
  for (let node: Node | null = el.firstChild; node; node = node.nextSibling) out += serializeNode(node, indent, false, childStyle);
  return `${out}</${el.tagName}>`;
}

/** An element as libvirt writes it; a whole document (its root element) ends with a newline, as libvirt's do. */
export function serializeXml(el: Element): string {
  const xml = serializeElement(el, "", true, "libvirt");
  return el.ownerDocument?.documentElement === el ? `${xml}\n` : xml;
}

/** The children of el as XML text (for opaque content such as <metadata>). */
export function serializeChildren(el: Element): string {
  const parts: string[] = [];
  for (let node: Node | null = el.firstChild; node; node = node.nextSibling) {
    if (!isBlankText(node)) parts.push(serializeNode(node, "", true, el.tagName === "metadata" ? "libxml" : "libvirt"));
  }
  return parts.join("\n");
}
