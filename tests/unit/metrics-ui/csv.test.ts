import { describe, expect, it } from "vitest";
import { seriesCsv } from "@/lib/metrics/csv";

describe("seriesCsv", () => {
  it("writes one row per time with ISO times, empty cells for gaps, and quotes labels that need it", () => {
    const csv = seriesCsv(
      [0, 60_000],
      [
        { label: "CPU %", values: [12.5, null] },
        { label: 'disk "vda", read', values: [1, 2] },
      ],
    );
    expect(csv).toBe('time,CPU %,"disk ""vda"", read"\n1970-01-01T00:00:00.000Z,12.5,1\n1970-01-01T00:01:00.000Z,,2\n');
  });

  it("names the time column in the person's language", () => {
    expect(seriesCsv([0], [{ label: "CPU", values: [1] }], "時刻")).toBe("時刻,CPU\n1970-01-01T00:00:00.000Z,1\n");
  });
});
