import { describe, expect, it } from "vitest";
import { formatBytes, formatPercent, formatUptime } from "@/lib/text/format";
import { localeNumbers, uptimeParts } from "@/lib/text/guest-numbers";

describe("guest numbers in the reader's language", () => {
  it("writes format.ts's numbers as the locale does, keeping its digits and unit", () => {
    expect(localeNumbers(formatBytes(1.5 * 1024 ** 3), "en")).toBe("1.5 GiB");
    expect(localeNumbers(formatBytes(1.5 * 1024 ** 3), "ru")).toBe("1,5 GiB");
    expect(localeNumbers(formatPercent(4.25), "ru")).toBe("4,3 %");
    expect(localeNumbers("1000", "en")).toBe("1,000");
    expect(localeNumbers("—", "ja")).toBe("—");
  });
  it("splits formatUptime's text into its unit and numbers, and refuses anything else", () => {
    const now = Date.now();
    expect(uptimeParts(formatUptime(now - 45_000, now))).toEqual({ unit: "s", a: 45, b: 0 });
    expect(uptimeParts(formatUptime(now - (3 * 3600 + 4 * 60) * 1000, now))).toEqual({ unit: "h", a: 3, b: 4 });
    expect(uptimeParts(formatUptime(now - (2 * 86400 + 5 * 3600) * 1000, now))).toEqual({ unit: "d", a: 2, b: 5 });
    expect(uptimeParts("—")).toBeNull();
  });
});
