import { describe, expect, it } from "vitest";
import { tickFormatOptions, timeAxisFormat } from "@/lib/metrics/time-axis";

describe("a time chart's axis", () => {
  it("shows the clock for steps under a day, the day for daily steps and the month for a year", () => {
    expect(tickFormatOptions(600)).toEqual({ hour: "2-digit", minute: "2-digit" });
    expect(tickFormatOptions(86_400)).toEqual({ month: "short", day: "numeric" });
    expect(tickFormatOptions(60 * 86_400)).toEqual({ year: "numeric", month: "short" });
  });

  it("puts the day under the first clock tick of each day when the chart spans a day or more", () => {
    const evening = Date.UTC(2026, 11, 4, 20, 0) / 1000;
    const ticks = timeAxisFormat("en-GB", "UTC").ticks([evening, evening + 4 * 3600, evening + 8 * 3600], 4 * 3600, 86_400);
    expect(ticks).toEqual(["20:00\n4 Dec", "00:00\n5 Dec", "04:00"]);
  });

  it("writes ticks and the legend's time in the person's language and time zone", () => {
    const noon = Date.UTC(2026, 11, 5, 12, 0) / 1000;
    expect(timeAxisFormat("en-GB", "UTC").ticks([noon], 600, 3600)).toEqual(["12:00"]);
    expect(timeAxisFormat("en-GB", "Asia/Tokyo").ticks([noon], 600, 3600)).toEqual(["21:00"]);
    expect(timeAxisFormat("ru", "UTC").ticks([noon], 86_400, 30 * 86_400)).toEqual(["5 дек."]);
    expect(timeAxisFormat("ja", "Asia/Tokyo").ticks([noon], 86_400, 30 * 86_400)).toEqual(["12月5日"]);
    expect(timeAxisFormat("ko", "Asia/Seoul").full(noon)).toMatch(/^2026\. 12\. 5\. (오후|PM) 9:00:00$/);
  });
});
