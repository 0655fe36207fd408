// A chart's series as CSV (browser-safe): one row per time, ISO time first, empty cells for gaps.

const cell = (text: string) => (/[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

export function seriesCsv(t: readonly number[], series: readonly { label: string; values: readonly (number | null)[] }[]): string {
  const header = ["time", ...series.map((s) => s.label)].map(cell).join(",");
  const rows = t.map((ms, i) =>
    [new Date(ms).toISOString(), ...series.map((s) => (s.values[i] === null || s.values[i] === undefined ? "" : String(s.values[i])))].join(
      ",",
    ),
  );
  return [header, ...rows].join("\n") + "\n";
}
