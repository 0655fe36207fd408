// A time chart's tick labels in the person's language and time zone (browser-safe): uPlot draws the axis on
// a canvas, so its words come from here rather than from uPlot's English month names.

const DAY_S = 86_400;
const CLOCK: Intl.DateTimeFormatOptions = { hour: "2-digit", minute: "2-digit" };
const DAY: Intl.DateTimeFormatOptions = { month: "short", day: "numeric" };

/** Intl options for ticks `incrSec` apart: the clock (with seconds under a minute), the day, or the month. */
export function tickFormatOptions(incrSec: number): Intl.DateTimeFormatOptions {
  if (incrSec < 60) return { ...CLOCK, second: "2-digit" };
  if (incrSec < DAY_S) return CLOCK;
  if (incrSec < 28 * DAY_S) return DAY;
  return { year: "numeric", month: "short" };
}

/** Tick labels for uPlot's axis `values` (seconds since the epoch), and the full time for the legend. */
export function timeAxisFormat(locale: string, timeZone: string | undefined) {
  const formats = new Map<string, Intl.DateTimeFormat>();
  const format = (options: Intl.DateTimeFormatOptions) => {
    const key = JSON.stringify(options);
    let f = formats.get(key);
    if (!f) {
      f = new Intl.DateTimeFormat(locale, { ...options, timeZone });
      formats.set(key, f);
    }
    return f;
  };
  return {
    ticks: (splits: number[], incrSec: number, spanSec: number): string[] => {
      const f = format(tickFormatOptions(incrSec));
      if (incrSec >= DAY_S || spanSec < DAY_S) return splits.map((s) => f.format(s * 1000));
      // Clock ticks over a day or more: the day under the first tick of each (uPlot draws "\n" as a second line).
      const day = format(DAY);
      let previous = "";
      return splits.map((s) => {
        const [clock, date] = [f.format(s * 1000), day.format(s * 1000)];
        const label = date === previous ? clock : `${clock}\n${date}`;
        previous = date;
        return label;
      });
    },
    full: (sec: number): string => format({ dateStyle: "medium", timeStyle: "medium" }).format(sec * 1000),
  };
}
