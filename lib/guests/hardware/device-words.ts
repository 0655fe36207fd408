// Shared by server and browser: a device's title and summary line as message keys of "deviceWords" plus the
// device's own values (target dev, bus, model), so lib/ keeps no sentences and each page says them in its language.
import type messages from "@/messages/en.json";

export type DeviceWordKey = Exclude<keyof (typeof messages)["deviceWords"], "separator">;
export type WordValues = Record<string, string | number>;

/** Words by key (with the device's values), or a word libvirt owns (a bus, a model, a path) shown as it is. */
export type Phrase = { key: DeviceWordKey; values?: WordValues } | { raw: string };

/** A device in words: the title's parts go side by side, the summary's are a list. */
export interface DeviceText {
  title: Phrase[];
  summary: Phrase[];
}

export const say = (key: DeviceWordKey, values?: WordValues): Phrase => (values ? { key, values } : { key });

type Part = Phrase | string | number | null | undefined | false;

/** The given parts without the empty ones; plain strings and numbers are libvirt's own words. */
export function phrases(...parts: Part[]): Phrase[] {
  return parts.flatMap((p) =>
    p === null || p === undefined || p === false || p === "" ? [] : typeof p === "object" ? [p] : [{ raw: String(p) }],
  );
}

export const describeAs = (title: Part[], summary: Part[] = []): DeviceText => ({ title: phrases(...title), summary: phrases(...summary) });

/** A translator over "deviceWords" (next-intl's, on a page or on the server). */
export type DeviceWordsTranslator = (key: DeviceWordKey | "separator", values?: WordValues) => string;

export function sayPhrase(t: DeviceWordsTranslator, p: Phrase): string {
  return "raw" in p ? p.raw : t(p.key, p.values);
}

/** The title and summary line in the translator's language. */
export function deviceWords(t: DeviceWordsTranslator, text: DeviceText): { title: string; summary: string } {
  return {
    title: text.title.map((p) => sayPhrase(t, p)).join(" "),
    summary: text.summary.map((p) => sayPhrase(t, p)).join(t("separator")),
  };
}
