import { match } from "@formatjs/intl-localematcher";
import { defaultLocale, locales, type Locale } from "./locales";

/**
 * The best of our languages for a browser's Accept-Language header (RFC 4647 lookup through formatjs, the
 * matcher next-intl's own routing uses): "ru-RU,ru;q=0.9" → "ru", "ko-KR" → "ko", "de" → the default.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  const requested = parseAcceptLanguage(acceptLanguage ?? "");
  if (requested.length === 0) return defaultLocale;
  try {
    return match(requested, locales, defaultLocale, { algorithm: "lookup" }) as Locale;
  } catch {
    // A tag Intl cannot canonicalise ("x-*", garbage) means the browser told us nothing usable.
    return defaultLocale;
  }
}

/** Language ranges by descending weight; "*" and ranges with q=0 say nothing about a language to use. */
function parseAcceptLanguage(header: string): string[] {
  return header
    .split(",")
    .map((part, index) => {
      const [range = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q === undefined ? 1 : Number(q.slice(2));
      return { range: range.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r) => r.range !== "" && r.range !== "*" && r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map((r) => r.range);
}
