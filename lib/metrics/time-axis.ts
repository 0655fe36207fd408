// A time chart's tick labels in the person's language and time zone (browser-safe): uPlot draws the axis on
// a canvas, so its words come from here rather than from uPlot's English month names.

const DAY_S = 86_400;

/** Intl options for ticks `incrSec` apart on a chart spanning `spanSec`: the clock, the day, or the month. */
export function tickFormatOptions(spanSec: number, incrSec: number): Intl.DateTimeFormatOptions {
  if (incrSec < 60) return { hour: "2-digit", minute: "2-digit", second: "2-digit" };
  if (incrSec < DAY_S)
    return spanSec > DAY_S
      ? { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" }
      : { hour: "2-digit", minute: "2-digit" };
  if (incrSec < 28 * DAY_S) return { month: "short", day: "numeric" };
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
      const f = format(tickFormatOptions(spanSec, incrSec));
      return splits.map((s) => f.format(s * 1000));
    },
    full: (sec: number): string => format({ dateStyle: "medium", timeStyle: "medium" }).format(sec * 1000),
  };
}
