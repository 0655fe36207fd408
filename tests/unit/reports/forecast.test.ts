import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import en from "@/messages/en.json";
import { conditionText } from "@/lib/alerts/words";
import { alertRuleSchema } from "@/lib/validations/alerts";
import { DAY_MS, crossing, daysUntil, fitLine, forecast } from "@/lib/reports/forecast";

const T0 = Date.UTC(2026, 10, 1);
const hourly = (values: number[]) => values.map((value, i) => ({ t: T0 + i * 3_600_000, value }));

describe("fitLine", () => {
  it("fits the hand-computed line through four points", () => {
    // x = 0, 1, 2, 3 days; y = 10, 12, 15, 17: mean x 1.5, mean y 13.5,
    // Sxx = 5, Sxy = (-1.5)(-3.5) + (-0.5)(-1.5) + (0.5)(1.5) + (1.5)(3.5) = 12, slope 2.4,
    // intercept 13.5 - 2.4 * 1.5 = 9.9, Syy = 12.25 + 2.25 + 2.25 + 12.25 = 29, R² = 144 / (5 * 29).
    const fit = fitLine([10, 12, 15, 17].map((value, i) => ({ t: T0 + i * DAY_MS, value })))!;
    expect(fit.slope).toBeCloseTo(2.4, 10);
    expect(fit.intercept).toBeCloseTo(9.9, 10);
    expect(fit.r2).toBeCloseTo(144 / 145, 10);
    // 100 % at x = (100 - 9.9) / 2.4 = 37.541666… days after T0.
    expect(crossing(fit, 100, T0)).toBeCloseTo(T0 + (90.1 / 2.4) * DAY_MS, 0);
    // 85 % at x = 75.1 / 2.4 = 31.291666… days.
    expect(crossing(fit, 85, T0)).toBeCloseTo(T0 + (75.1 / 2.4) * DAY_MS, 0);
  });

  it("has no line for one time", () => {
    expect(fitLine([{ t: T0, value: 3 }])).toBeNull();
    expect(
      fitLine([
        { t: T0, value: 3 },
        { t: T0, value: 4 },
      ]),
    ).toBeNull();
  });
});

describe("forecast", () => {
  it("dates 100 % and the warning level from a seeded hourly series rising 1 % a day", () => {
    // 48 hourly points from 40 % up by 1/24 % an hour: exactly 1 % a day, R² 1.
    const series = hourly(Array.from({ length: 48 }, (_, i) => 40 + i / 24));
    const now = T0 + 48 * 3_600_000;
    const f = forecast(series, now, 85);
    expect(f.enough).toBe(true);
    expect(f.fit!.slope).toBeCloseTo(1, 10);
    expect(f.fit!.r2).toBeCloseTo(1, 10);
    expect(f.fullAt).toBeCloseTo(T0 + 60 * DAY_MS, 0);
    expect(f.warningAt).toBeCloseTo(T0 + 45 * DAY_MS, 0);
    expect(daysUntil(f.fullAt, now)).toBeCloseTo(58, 6);
    expect(f.current).toBeCloseTo(40 + 47 / 24, 10);
  });

  it("says not enough history under the minimum", () => {
    const f = forecast(hourly([1, 2, 3]), T0);
    expect(f).toMatchObject({ enough: false, fit: null, fullAt: null, warningAt: null, points: 3, current: 3 });
  });

  it("never fills on a falling or flat series, and is full now when the line is already there", () => {
    expect(forecast(hourly(Array.from({ length: 30 }, (_, i) => 50 - i / 10)), T0 + 30 * 3_600_000).fullAt).toBeNull();
    expect(forecast(hourly(Array(30).fill(20)), T0).fullAt).toBeNull();
    const now = T0 + 30 * 3_600_000;
    expect(forecast(hourly(Array(30).fill(100)), now).fullAt).toBe(now);
  });
});

describe("forecast rules", () => {
  it("read as words and validate their days", () => {
    const t = createTranslator({ locale: "en", messages: en, namespace: "alertWords" });
    expect(conditionText(t, { kind: "forecast", target: "pool.space.full", comparison: "above", level: 14, durationMinutes: 0 })).toBe(
      "Storage pool full within 14 days on its 30-day trend",
    );
    const rule = { name: "r", kind: "forecast", target: "host.memory.full", scope: "global" };
    expect(alertRuleSchema.safeParse({ ...rule, level: 30 }).success).toBe(true);
    expect(alertRuleSchema.safeParse({ ...rule, level: 0 }).success).toBe(false);
    expect(alertRuleSchema.safeParse({ ...rule, level: 2.5 }).success).toBe(false);
    expect(alertRuleSchema.safeParse({ ...rule, target: "host.cpu", level: 30 }).success).toBe(false);
  });
});
