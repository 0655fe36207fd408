// The guest pages' numbers in the reader's language: format.ts chooses the unit and the digits, this writes each
// number of its text as the locale writes numbers ("1.5 GiB" → "1,5 GiB" in Russian). Unit-tested in tests/unit/text.

/** Every decimal number in `text` written for `locale`, with as many fraction digits as it had. */
export function localeNumbers(text: string, locale: string): string {
  return text.replace(/\d+(?:\.(\d+))?/g, (n, fraction: string | undefined) => {
    const digits = fraction?.length ?? 0;
    return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(Number(n));
  });
}

/** formatUptime's text ("3 h 4 min") as its unit and numbers, for a message per unit; null for "—". */
export function uptimeParts(text: string): { unit: "s" | "min" | "h" | "d"; a: number; b: number } | null {
  const m = /^(\d+) (s|min|h|d)(?: (\d+) (?:min|h))?$/.exec(text);
  return m ? { unit: m[2] as "s" | "min" | "h" | "d", a: Number(m[1]), b: Number(m[3] ?? 0) } : null;
}
