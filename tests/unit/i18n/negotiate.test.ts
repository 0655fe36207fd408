import { describe, expect, it } from "vitest";
import { withFallback } from "@/lib/i18n/messages";
import { negotiateLocale } from "@/lib/i18n/negotiate";

describe("negotiateLocale", () => {
  it("picks the browser's best language we have", () => {
    expect(negotiateLocale("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7")).toBe("ru");
    expect(negotiateLocale("ko-KR")).toBe("ko");
    expect(negotiateLocale("de-DE,ja;q=0.5")).toBe("ja");
    expect(negotiateLocale("en-GB,ko;q=0.9")).toBe("en");
  });
  it("orders by weight, not by position", () => {
    expect(negotiateLocale("en;q=0.2,ja;q=0.8")).toBe("ja");
  });
  it("falls back to English for nothing usable", () => {
    expect(negotiateLocale(null)).toBe("en");
    expect(negotiateLocale("")).toBe("en");
    expect(negotiateLocale("de,fr;q=0.5")).toBe("en");
    expect(negotiateLocale("*")).toBe("en");
    expect(negotiateLocale("ru;q=0")).toBe("en");
    expect(negotiateLocale("x-%%%,;;;")).toBe("en");
  });
});

describe("withFallback", () => {
  it("keeps the locale's messages and fills the missing ones from English, deeply", () => {
    const merged = withFallback({ a: { x: "X", y: "Y" }, b: "B" }, { a: { x: "Икс" } });
    expect(merged).toEqual({ a: { x: "Икс", y: "Y" }, b: "B" });
  });
});
