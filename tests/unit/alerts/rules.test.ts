import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import en from "@/messages/en.json";
import ru from "@/messages/ru.json";
import { judgeSeries, type Sample } from "@/lib/alerts/rules";
import { alertMessageText, conditionText, storeAlertMessage } from "@/lib/alerts/words";

const MIN = 60_000;
const now = 1_000 * MIN;
/** One sample per minute ending one minute before now: values oldest first. */
const series = (...values: number[]): Sample[] => values.map((value, i) => ({ t: now - (values.length - i) * MIN, value }));
const above90for5 = { comparison: "above", level: 90, durationMinutes: 5 } as const;

describe("judgeSeries", () => {
  it("is met when every minute of the duration is over the level", () => {
    expect(judgeSeries(above90for5, series(10, 95, 96, 97, 98, 99), now)).toEqual({ state: "met", value: 99 });
  });

  it("is not met yet while the condition has held for less than the duration", () => {
    expect(judgeSeries(above90for5, series(10, 10, 10, 95, 96, 97), now).state).toBe("unknown");
  });

  it("is not met when the series does not reach back the whole duration", () => {
    expect(judgeSeries(above90for5, series(95, 96, 97), now).state).toBe("unknown");
  });

  it("clears as soon as the newest minute is back under the level", () => {
    expect(judgeSeries(above90for5, series(95, 96, 97, 98, 99, 40), now)).toEqual({ state: "clear", value: 40 });
  });

  it("knows nothing from a stale series (a host no longer sampled)", () => {
    const stale = series(95, 96, 97, 98, 99, 99).map((s) => ({ ...s, t: s.t - 10 * MIN }));
    expect(judgeSeries(above90for5, stale, now).state).toBe("unknown");
    expect(judgeSeries(above90for5, [], now).state).toBe("unknown");
  });

  it("judges 'below' rules the other way round, in any order of samples", () => {
    const below = { comparison: "below", level: 5, durationMinutes: 2 } as const;
    expect(judgeSeries(below, series(50, 1, 2, 3).reverse(), now)).toEqual({ state: "met", value: 3 });
    expect(judgeSeries(below, series(1, 2, 7), now).state).toBe("clear");
  });

  it("says the condition in words, in English and in Russian with its plurals and decimal comma", () => {
    const t = createTranslator({ locale: "en", messages: en, namespace: "alertWords" });
    const tRu = createTranslator({ locale: "ru", messages: ru, namespace: "alertWords" });
    expect(conditionText(t, { kind: "metric", target: "guest.cpu", ...above90for5 })).toBe("Guest CPU use above 90 % for 5 minutes");
    expect(conditionText(t, { kind: "event", target: "guest.crashed", comparison: "above", level: 0, durationMinutes: 0 })).toBe(
      "A guest crashed",
    );
    expect(conditionText(tRu, { kind: "metric", target: "guest.cpu", comparison: "below", level: 2.5, durationMinutes: 2 })).toBe(
      "Загрузка ЦП гостевой системы ниже 2,5 % в течение 2 минут",
    );
  });

  it("words an alert's stored facts for each reader, and shows a sentence from before as it is", () => {
    const t = createTranslator({ locale: "en", messages: en, namespace: "alertWords" });
    const tRu = createTranslator({ locale: "ru", messages: ru, namespace: "alertWords" });
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const metric = storeAlertMessage({
      kind: "metric",
      target: "guest.cpu",
      comparison: "above",
      level: 90,
      durationMinutes: 5,
      value: 97.5,
      host: "node1",
      guest: "web1",
    });
    expect(alertMessageText(t, metric, day)).toBe("Guest CPU use above 90 % for 5 minutes: 97.5 % on guest web1 on node1");
    expect(alertMessageText(tRu, metric, day)).toBe(
      "Загрузка ЦП гостевой системы выше 90 % в течение 5 минут: 97,5 % — гостевая система web1 на node1",
    );
    expect(alertMessageText(tRu, storeAlertMessage({ kind: "crashed", guest: "web1", host: null }), day)).toBe(
      "web1 аварийно завершилась на удалённый узел",
    );
    expect(alertMessageText(t, "web1 crashed on node1", day)).toBe("web1 crashed on node1");
  });
});
