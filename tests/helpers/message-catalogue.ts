import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import type { Messages } from "@/lib/i18n/messages";

/** Every message of a catalogue by its dotted key ("login.signIn"). */
export function flatten(messages: Messages, prefix = ""): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") flat.set(path, value);
    else for (const [k, v] of flatten(value, path)) flat.set(k, v);
  }
  return flat;
}

/**
 * The arguments a message takes ("{count, plural, …}" → count), sorted: a translation must take the same ones,
 * or a value would go missing or the message fail to format. Throws when the message is not valid ICU.
 */
export function placeholders(message: string): string[] {
  const names = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
      if (element.type === TYPE.tag) {
        names.add(`<${element.value}>`);
        walk(element.children);
        continue;
      }
      names.add(element.value);
      if (element.type === TYPE.plural || element.type === TYPE.select)
        for (const option of Object.values(element.options)) walk(option.value);
    }
  };
  walk(parse(message));
  return [...names].sort();
}

/**
 * The keys the source uses, read the way our components call next-intl: `useTranslations("ns")`,
 * `getTranslations("ns")` or the server's `serverTranslator(locale, "ns")` in a file, then `t("key")` (a literal; also `t.rich("key")`, and `tOther("key")` for a
 * second namespace, counted under each of the file's namespaces), `t(\`prefix.${…}\`)` (every key under the
 * prefix) or `t(variable)` (every key of the file's namespaces: the variable's type, a union of keys, is checked
 * by tsc against the typed messages).
 */
export function usedKeys(sources: string[], allKeys: string[]): Set<string> {
  const used = new Set<string>();
  const markPrefix = (prefix: string) => allKeys.filter((k) => k.startsWith(prefix)).forEach((k) => used.add(k));
  for (const source of sources) {
    // A translator made here (useTranslations("ns")), or one passed in, typed by its namespace (useTranslations<"ns">).
    const namespaces = [
      ...[...source.matchAll(/\b(?:useTranslations|getTranslations)(?:\(\s*(?:"([^"]*)")?\s*\)|<"([^"]*)">)/g)].map(
        (m) => m[1] ?? m[2] ?? "",
      ),
      // The server's translator outside a page render (lib/server/i18n/translator.ts): serverTranslator(locale, "ns"[, zone]),
      // and its English one (lib/server/i18n/english.ts): englishTranslator("ns").
      ...[...source.matchAll(/\bserverTranslator\(\s*[\w.]+\s*,\s*"([^"]+)"\s*(?:,\s*[\w.]+\s*)?\)/g)].map((m) => m[1]!),
      ...[...source.matchAll(/\benglishTranslator\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1]!),
    ];
    if (namespaces.length === 0) continue;
    const full = (ns: string, key: string) => (ns ? `${ns}.${key}` : key);
    for (const [, ns, key] of source.matchAll(/getTranslations\(\s*"([^"]*)"\s*\)\)\(\s*"([^"]+)"/g)) used.add(full(ns!, key!));
    for (const ns of namespaces) {
      for (const [, key] of source.matchAll(/\bt(?:[A-Z]\w*)?(?:\.rich)?\(\s*"([^"]+)"/g)) used.add(full(ns, key!));
      for (const [, prefix] of source.matchAll(/\bt\(\s*`([^`$]*)\$\{/g)) markPrefix(full(ns, prefix!));
      if (/\bt(?:[A-Z]\w*)?\(\s*[A-Za-z_]/.test(source)) markPrefix(ns ? `${ns}.` : "");
    }
  }
  return used;
}
