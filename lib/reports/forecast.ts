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

/**
 * The sums a least-squares fit needs, x in days from `origin`: what a database can total with SUM() in one
 * pass, so a fleet's forecasts never have to read every hourly row.
 */
export type FitSums = { origin: number; n: number; sx: number; sy: number; sxx: number; sxy: number; syy: number };

export function sumsOf(samples: readonly UsageSample[], origin: number): FitSums {
  const s: FitSums = { origin, n: 0, sx: 0, sy: 0, sxx: 0, sxy: 0, syy: 0 };
  for (const { t, value: y } of samples) {
    const x = (t - origin) / DAY_MS;
    s.n++;
    s.sx += x;
    s.sy += y;
    s.sxx += x * x;
    s.sxy += x * y;
    s.syy += y * y;
  }
  return s;
}

/** Below these the spread is rounding noise: a flat series, or a line that neither rises nor falls. */
const FLAT = 1e-9;

/** The least-squares line from its sums, or null for fewer than two distinct times. */
export function fitFromSums(s: FitSums): LinearFit | null {
  if (s.n < 2) return null;
  const sxx = s.sxx - (s.sx * s.sx) / s.n;
  const sxy = s.sxy - (s.sx * s.sy) / s.n;
  const syy = s.syy - (s.sy * s.sy) / s.n;
  if (sxx <= FLAT * Math.max(1, s.sxx)) return null;
  const flat = syy <= FLAT * Math.max(1, s.syy);
  const slope = flat ? 0 : sxy / sxx;
  const intercept = (s.sy - slope * s.sx) / s.n;
  const r2 = flat ? 1 : Math.min(1, Math.max(0, (sxy * sxy) / (sxx * syy)));
  return { slope, intercept, origin: s.origin, r2 };
}

/** Least squares over the samples, or null for fewer than two distinct times. */
export function fitLine(samples: readonly UsageSample[]): LinearFit | null {
  if (samples.length < 2) return null;
  return fitFromSums(sumsOf(samples, Math.min(...samples.map((s) => s.t))));
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
  return forecastFromSums(sumsOf(sorted, sorted[0]?.t ?? now), sorted.at(-1)?.value ?? null, now, warningLevel, minPoints);
}

/** The forecast from a series' sums and its newest value. */
export function forecastFromSums(
  sums: FitSums,
  current: number | null,
  now: number,
  warningLevel = DEFAULT_WARNING_LEVEL,
  minPoints = MIN_FORECAST_POINTS,
): Forecast {
  const fit = sums.n >= minPoints ? fitFromSums(sums) : null;
  if (!fit) return { points: sums.n, enough: false, fit: null, current, warningLevel, warningAt: null, fullAt: null };
  return {
    points: sums.n,
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

/** How sure the fit is, as the key of its words (messages/*.json "capacity.confidence"). */
export function confidence(f: Pick<Forecast, "enough" | "fit">): "notEnough" | "steady" | "rough" | "uneven" {
  if (!f.enough || !f.fit) return "notEnough";
  if (f.fit.r2 >= 0.8) return "steady";
  if (f.fit.r2 >= 0.4) return "rough";
  return "uneven";
}
