// A chart's series as CSV (browser-safe): one row per time, ISO time first, empty cells for gaps.

/** One CSV cell, quoted when it must be; null is an empty cell. */
export const csvCell = (value: string | number | null): string => {
  const text = value === null ? "" : String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** `timeHeader` names the first column in the person's language; the values stay machine-readable (ISO times, plain numbers). */
export function seriesCsv(
  t: readonly number[],
  series: readonly { label: string; values: readonly (number | null)[] }[],
  timeHeader = "time",
): string {
  const header = [timeHeader, ...series.map((s) => s.label)].map(csvCell).join(",");
  const rows = t.map((ms, i) =>
    [new Date(ms).toISOString(), ...series.map((s) => (s.values[i] === null || s.values[i] === undefined ? "" : String(s.values[i])))].join(
      ",",
    ),
  );
  return [header, ...rows].join("\n") + "\n";
}
