import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultLocale, locales } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";
import { flatten, placeholders, usedKeys } from "../../helpers/message-catalogue";

const root = join(__dirname, "../../..");
const catalogue = (locale: string) => flatten(JSON.parse(readFileSync(join(root, "messages", `${locale}.json`), "utf8")) as Messages);
const english = catalogue(defaultLocale);

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => readFileSync(join(e.parentPath, e.name), "utf8"));
}

describe("message catalogues", () => {
  for (const locale of locales.filter((l) => l !== defaultLocale)) {
    describe(locale, () => {
      const own = catalogue(locale);
      it("has every English key and no other", () => {
        expect([...own.keys()].filter((k) => !english.has(k))).toEqual([]);
        expect([...english.keys()].filter((k) => !own.has(k))).toEqual([]);
      });
      it("takes the same placeholders as English in every message", () => {
        const differing = [...english].filter(
          ([key, message]) => own.has(key) && placeholders(own.get(key)!).join() !== placeholders(message).join(),
        );
        expect(differing.map(([key]) => key)).toEqual([]);
      });
    });
  }

  it("says a glossary term as virt-manager's catalogues do, where a message is just that term", () => {
    const glossary = JSON.parse(readFileSync(join(root, "messages", "glossary.json"), "utf8")) as Record<string, Record<string, string>>;
    const terms = new Map(Object.entries(glossary).map(([term, translations]) => [term.toLowerCase(), translations]));
    const departures = locales
      .filter((l) => l !== defaultLocale)
      .flatMap((locale) => {
        const own = catalogue(locale);
        return [...english].flatMap(([key, message]) => {
          const expected = terms.get(message.toLowerCase())?.[locale];
          return expected && own.get(key) !== expected ? [`${locale} ${key}: ${own.get(key)} (glossary: ${expected})`] : [];
        });
      });
    expect(departures).toEqual([]);
  });

  it("has no English key the source never uses", () => {
    const keys = [...english.keys()];
    const used = usedKeys(["app", "components", "lib"].flatMap(sourceFiles), keys);
    expect(keys.filter((k) => !used.has(k))).toEqual([]);
  });
});

describe("placeholders", () => {
  it("finds arguments inside plurals and tags, and refuses a broken message", () => {
    expect(placeholders("{count, plural, one {# guest on {host}} other {# guests}} <b>now</b>")).toEqual(["<b>", "count", "host"]);
    expect(() => placeholders("{count, plural, one {x}")).toThrow();
  });
});
