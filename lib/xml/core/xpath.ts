// The small XPath subset the models need (virtinst's grammar, minus namespaces):
//   ./name   ./os/type/@arch   ./feature[@name='acpi']/@policy   ./boot[2]   ./@type   .
// Steps select child elements; a final @attr selects an attribute of the last element.

export interface AttrPredicate {
  readonly name: string;
  readonly value: string;
}

export interface PathStep {
  readonly tag: string;
  readonly predicates: readonly AttrPredicate[];
  /** 1-based position among the elements matching tag and predicates. */
  readonly index?: number;
}

export interface ParsedPath {
  readonly steps: readonly PathStep[];
  /** Set when the path ends in /@attr. */
  readonly attr?: string;
}

const cache = new Map<string, ParsedPath>();

/** Splits on "/" outside [...] so predicate values may contain slashes. */
function splitSteps(path: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of path) {
    if (ch === "[") depth++;
    if (ch === "]") depth--;
    if (ch === "/" && depth === 0) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  return parts.filter((p) => p !== "" && p !== ".");
}

const STEP = /^([A-Za-z_][\w.-]*)((?:\[[^\]]*\])*)$/;
const PREDICATE = /\[([^\]]*)\]/g;
const ATTR_PREDICATE = /^@([\w.:-]+)\s*=\s*(?:'([^']*)'|"([^"]*)")$/;

function parseStep(text: string, path: string): PathStep {
  const match = STEP.exec(text);
  if (!match) throw new Error(`unsupported XPath step "${text}" in "${path}"`);
  const predicates: AttrPredicate[] = [];
  let index: number | undefined;
  for (const [, body] of match[2].matchAll(PREDICATE)) {
    const attr = ATTR_PREDICATE.exec(body.trim());
    if (attr) predicates.push({ name: attr[1], value: attr[2] ?? attr[3] });
    else if (/^\d+$/.test(body.trim())) index = Number(body.trim());
    else throw new Error(`unsupported XPath predicate "[${body}]" in "${path}"`);
  }
  return { tag: match[1], predicates, index };
}

export function parsePath(path: string): ParsedPath {
  const cached = cache.get(path);
  if (cached) return cached;
  const parts = splitSteps(path);
  let attr: string | undefined;
  if (parts.length > 0 && parts[parts.length - 1].startsWith("@")) attr = parts.pop()!.slice(1);
  const parsed: ParsedPath = { steps: parts.map((p) => parseStep(p, path)), attr };
  cache.set(path, parsed);
  return parsed;
}
