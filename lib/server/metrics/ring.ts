import "server-only";

/** A point of named series at one moment; null is "no honest number for this interval". */
export type SeriesPoint<K extends string> = { t: number } & Record<K, number | null>;

/** Values are kept as 32-bit floats and read back with this many significant digits (all a float32 holds). */
const DIGITS = 7;

/**
 * The live hour of one guest or host: a fixed number of points in time order, the oldest overwritten when
 * full, in typed arrays rather than one object per point. Times are 64-bit (milliseconds since the epoch),
 * values 32-bit floats with null stored as NaN: capacity x (8 + 4 x series) bytes, all of it taken when the
 * ring is made (filled with nothing yet, so the pages are really there) and never more, however long it runs.
 * Only what was sampled is in it: an interval without a sample has no point (a gap stays a gap), and a null
 * value comes back null.
 */
export class PointRing<K extends string> {
  private readonly times: Float64Array;
  private readonly values: Float32Array;
  private start = 0;
  private count = 0;

  constructor(
    readonly capacity: number,
    private readonly series: readonly K[],
  ) {
    this.times = new Float64Array(capacity).fill(NaN);
    this.values = new Float32Array(capacity * series.length).fill(NaN);
  }

  get size(): number {
    return this.count;
  }

  /** Bytes the ring holds (the same from the first point on). */
  get bytes(): number {
    return this.times.byteLength + this.values.byteLength;
  }

  push(point: SeriesPoint<K>): void {
    const slot = (this.start + this.count) % this.capacity;
    this.times[slot] = point.t;
    const base = slot * this.series.length;
    for (let s = 0; s < this.series.length; s++) this.values[base + s] = point[this.series[s]] ?? NaN;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
  }

  /** The newest point's time, if any. */
  latestT(): number | undefined {
    return this.count ? this.times[(this.start + this.count - 1) % this.capacity] : undefined;
  }

  /** Points with from <= t < to, oldest first. Walks back from the newest, so recent ranges are cheap. */
  range(from = -Infinity, to = Infinity): SeriesPoint<K>[] {
    const out: SeriesPoint<K>[] = [];
    for (let i = this.count - 1; i >= 0; i--) {
      const slot = (this.start + i) % this.capacity;
      const t = this.times[slot];
      if (t < from) break;
      if (t < to) out.push(this.pointAt(slot, t));
    }
    return out.reverse();
  }

  private pointAt(slot: number, t: number): SeriesPoint<K> {
    const point = { t } as SeriesPoint<K>;
    const base = slot * this.series.length;
    for (let s = 0; s < this.series.length; s++) {
      const v = this.values[base + s];
      (point as Record<K, number | null>)[this.series[s]] = Number.isNaN(v) ? null : Number(v.toPrecision(DIGITS));
    }
    return point;
  }
}
