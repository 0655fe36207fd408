// Shared by server and browser: a straight-line (least-squares) fit over a usage series in percent, and
// when that line reaches a level. Time is measured in days from the first point, so the numbers stay small.

export const DAY_MS = 24 * 60 * 60_000;
/** Fewer points than this (a day of hourly rows): "not enough history". */
export const MIN_FORECAST_POINTS = 24;
export const DEFAULT_WARNING_LEVEL = 85;
/** How far back a forecast looks. */
export const FORECAST_WINDOW_DAYS = 30;

export type UsageSample = { t: number; value: number };

export interface LinearFit {
  /** percent per day */
  slope: number;
  /** the line's value at `origin` */
  intercept: number;
  /** ms: where day 0 is */
  origin: number;
  /** 0…1, how much of the spread the line explains (1 for a flat series that the line matches exactly) */
  r2: number;
}

export interface Forecast {
  points: number;
  /** false: fewer than MIN_FORECAST_POINTS points; every number below is null then */
  enough: boolean;
  fit: LinearFit | null;
  /** the newest measured value */
  current: number | null;
  warningLevel: number;
  /** when the line reaches the warning level / 100 % (ms); null when it never does (flat or falling) */
  warningAt: number | null;
  fullAt: number | null;
}

/** Least squares over the samples, or null for fewer than two distinct times. */
export function fitLine(samples: readonly UsageSample[]): LinearFit | null {
  const n = samples.length;
  if (n < 2) return null;
  const origin = Math.min(...samples.map((s) => s.t));
  let sx = 0;
  let sy = 0;
  for (const s of samples) {
    sx += (s.t - origin) / DAY_MS;
    sy += s.value;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const s of samples) {
    const dx = (s.t - origin) / DAY_MS - mx;
    const dy = s.value - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const r2 = syy === 0 ? 1 : (sxy * sxy) / (sxx * syy);
  return { slope, intercept, origin, r2 };
}

/** The line's value at time t (ms). */
export const lineAt = (fit: LinearFit, t: number): number => fit.intercept + fit.slope * ((t - fit.origin) / DAY_MS);

/** When the line reaches `level` (ms): `now` when it is there already, null when it never will. */
export function crossing(fit: LinearFit, level: number, now: number): number | null {
  if (lineAt(fit, now) >= level) return now;
  if (fit.slope <= 0) return null;
  return fit.origin + ((level - fit.intercept) / fit.slope) * DAY_MS;
}

export function forecast(
  samples: readonly UsageSample[],
  now: number,
  warningLevel = DEFAULT_WARNING_LEVEL,
  minPoints = MIN_FORECAST_POINTS,
): Forecast {
  const sorted = [...samples].sort((a, b) => a.t - b.t);
  const current = sorted.at(-1)?.value ?? null;
  const fit = sorted.length >= minPoints ? fitLine(sorted) : null;
  if (!fit) return { points: sorted.length, enough: false, fit: null, current, warningLevel, warningAt: null, fullAt: null };
  return {
    points: sorted.length,
    enough: true,
    fit,
    current,
    warningLevel,
    warningAt: crossing(fit, warningLevel, now),
    fullAt: crossing(fit, 100, now),
  };
}

/** Days from now until `at` (0 when it is now or past), or null for never. */
export const daysUntil = (at: number | null, now: number): number | null => (at === null ? null : Math.max(0, (at - now) / DAY_MS));

/** How sure the fit is, in words a person knows. */
export function confidenceText(f: Pick<Forecast, "enough" | "fit">): string {
  if (!f.enough || !f.fit) return "Not enough history";
  if (f.fit.r2 >= 0.8) return "Steady trend";
  if (f.fit.r2 >= 0.4) return "Rough trend";
  return "Uneven use: a guess";
}
