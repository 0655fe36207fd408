// Shared by the API reference page and the tests: a sample value made from a JSON Schema alone (the document's
// own schemas), for the curl examples. Where the schema offers a choice it takes the first.

import RandExp from "randexp";

type Schema = Record<string, unknown>;

/** A string the pattern matches, the same each time (the lowest choice everywhere), short where it may repeat. */
function matching(pattern: string, min: number): string | null {
  try {
    const gen = new RandExp(new RegExp(pattern));
    gen.max = Math.max(min, 3);
    gen.randInt = (from: number) => from;
    const value = gen.gen();
    return value.length >= min ? value : null;
  } catch {
    return null;
  }
}

const pickString = (s: Schema): string => {
  if (s.format === "uuid") return "00000000-0000-4000-8000-000000000000";
  if (s.format === "date-time") return "2026-01-01T00:00:00Z";
  if (s.format === "uri") return "https://example.org/";
  if (s.format === "ipv4") return "192.0.2.10";
  const min = typeof s.minLength === "number" ? s.minLength : 1;
  if (typeof s.pattern === "string") {
    const value = matching(s.pattern, min);
    if (value !== null) return value;
  }
  return "example".padEnd(min, "x");
};

export function exampleOf(schema: unknown, depth = 0): unknown {
  if (!schema || typeof schema !== "object" || depth > 8) return null;
  const s = schema as Schema;
  if ("default" in s && s.default !== undefined) return s.default;
  if ("const" in s) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  for (const key of ["anyOf", "oneOf", "allOf"] as const) {
    const options = s[key];
    if (Array.isArray(options) && options.length) {
      if (key !== "allOf") return exampleOf(options.find((o) => (o as Schema).type !== "null") ?? options[0], depth + 1);
      return Object.assign({}, ...options.map((o) => exampleOf(o, depth + 1) as object));
    }
  }
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  switch (type) {
    case "object": {
      const out: Record<string, unknown> = {};
      const properties = (s.properties ?? {}) as Record<string, unknown>;
      for (const key of (s.required as string[] | undefined) ?? []) out[key] = exampleOf(properties[key], depth + 1);
      return out;
    }
    case "array": {
      const min = typeof s.minItems === "number" ? s.minItems : 0;
      return Array.from({ length: Math.max(min, 1) }, () => exampleOf(s.items, depth + 1));
    }
    case "string":
      return pickString(s);
    case "integer":
    case "number":
      return typeof s.minimum === "number" ? s.minimum : typeof s.exclusiveMinimum === "number" ? s.exclusiveMinimum + 1 : 1;
    case "boolean":
      return false;
    default:
      return null;
  }
}
