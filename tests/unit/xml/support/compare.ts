// "Every field we set came back": compares a snapshot of what we generated with one of what
// libvirt returned. libvirt adds defaults (extra fields, extra list items such as controllers),
// so only the expected side's values are checked; list items may come back in another order.

export type Equivalence = (fieldPath: string, expected: unknown, actual: unknown) => boolean;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function subsetMismatches(expected: unknown, actual: unknown, equivalent: Equivalence, at = ""): string[] {
  if (isRecord(expected)) {
    if (!isRecord(actual)) return [`${at}: expected an object, got ${JSON.stringify(actual)}`];
    return Object.entries(expected).flatMap(([key, value]) => subsetMismatches(value, actual[key], equivalent, at ? `${at}.${key}` : key));
  }
  if (Array.isArray(expected) && expected.some(isRecord)) {
    if (!Array.isArray(actual)) return [`${at}: expected a list, got ${JSON.stringify(actual)}`];
    const unused = [...actual];
    return expected.flatMap((item, index) => {
      const match = unused.findIndex((candidate) => subsetMismatches(item, candidate, equivalent, at).length === 0);
      if (match < 0) return [`${at}[${index}]: nothing read back matches ${JSON.stringify(item)}`];
      unused.splice(match, 1);
      return [];
    });
  }
  if (JSON.stringify(expected) === JSON.stringify(actual) || equivalent(at, expected, actual)) return [];
  return [`${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}
