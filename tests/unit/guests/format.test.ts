import { describe, expect, it } from "vitest";
import { formatBytes, formatKiB, formatPercent, formatRate, formatUptime, formatVersion, uptimeParts } from "@/lib/text/format";

describe("guest number formatting", () => {
  it("uses binary units with sensible precision", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1023)).toBe("1023 B");
    expect(formatBytes(1536)).toBe("1.5 KiB");
    expect(formatBytes(1024 * 1024)).toBe("1 MiB");
    expect(formatBytes(15.25 * 1024 ** 3)).toBe("15.3 GiB");
    expect(formatBytes(512 * 1024 ** 3)).toBe("512 GiB");
    expect(formatBytes(null)).toBe("—");
    expect(formatKiB(2 * 1024 * 1024)).toBe("2 GiB");
    expect(formatRate(2048)).toBe("2 KiB/s");
    expect(formatRate(null)).toBe("—");
  });

  it("writes the number in the person's language, the unit as virt-manager does", () => {
    expect(formatBytes(1536, "ru")).toBe("1,5 KiB");
    expect(formatBytes(1536, "ja")).toBe("1.5 KiB");
    expect(formatRate(15.25 * 1024 ** 3, "ru")).toBe("15,3 GiB/s");
    expect(formatPercent(3.14159, "ru")).toBe("3,1 %");
    expect(formatBytes(1000 * 1024, "en")).toBe("1000 KiB");
  });

  it("clamps percentages and shows one decimal below 10", () => {
    expect(formatPercent(3.14159)).toBe("3.1 %");
    expect(formatPercent(42.6)).toBe("43 %");
    expect(formatPercent(140)).toBe("100 %");
    expect(formatPercent(0)).toBe("0 %");
    expect(formatPercent(null)).toBe("—");
  });

  it("formats uptime from the start time", () => {
    const now = 1_000_000_000;
    expect(formatUptime(now - 45_000, now)).toBe("45 s");
    expect(formatUptime(now - 12 * 60_000, now)).toBe("12 min");
    expect(formatUptime(now - (3 * 60 + 4) * 60_000, now)).toBe("3 h 4 min");
    expect(formatUptime(now - (2 * 24 + 5) * 3_600_000, now)).toBe("2 d 5 h");
    expect(formatUptime(null, now)).toBe("—");
    expect(uptimeParts(now - (3 * 3600 + 4 * 60) * 1000, now)).toEqual({ unit: "h", a: 3, b: 4 });
    expect(uptimeParts(null, now)).toBeNull();
  });

  it("formats libvirt versions given as strings or numbers", () => {
    expect(formatVersion("9.0.0")).toBe("9.0.0");
    expect(formatVersion(7002000)).toBe("7.2.0");
    expect(formatVersion("9000000")).toBe("9.0.0");
    expect(formatVersion(null)).toBe("—");
  });
});
