import "server-only";

/** A fixed-size buffer of points in time order; the oldest is overwritten when full. */
export class Ring<T extends { t: number }> {
  private readonly items: (T | undefined)[];
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(item: T): void {
    const end = (this.start + this.count) % this.capacity;
    this.items[end] = item;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
  }

  latest(): T | undefined {
    return this.count ? this.items[(this.start + this.count - 1) % this.capacity] : undefined;
  }

  /** Points with from <= t < to, oldest first. Walks back from the newest, so recent ranges are cheap. */
  range(from = -Infinity, to = Infinity): T[] {
    const out: T[] = [];
    for (let i = this.count - 1; i >= 0; i--) {
      const item = this.items[(this.start + i) % this.capacity]!;
      if (item.t < from) break;
      if (item.t < to) out.push(item);
    }
    return out.reverse();
  }
}
