// A chart's series as CSV (browser-safe): one row per time, ISO time first, empty cells for gaps.

/** One CSV cell, quoted when it must be; null is an empty cell. */
export const csvCell = (value: string | number | null): string => {
  const text = value === null ? "" : String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export function seriesCsv(t: readonly number[], series: readonly { label: string; values: readonly (number | null)[] }[]): string {
  const header = ["time", ...series.map((s) => s.label)].map(csvCell).join(",");
  const rows = t.map((ms, i) =>
    [new Date(ms).toISOString(), ...series.map((s) => (s.values[i] === null || s.values[i] === undefined ? "" : String(s.values[i])))].join(
      ",",
    ),
  );
  return [header, ...rows].join("\n") + "\n";
}
