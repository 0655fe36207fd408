import "server-only";

/** Exact-length reads over chunks as they arrive, for the few protocol messages the relay answers itself. */
export class ByteQueue {
  private chunks: Buffer[] = [];
  private size = 0;
  private waiting: { n: number; resolve: (b: Buffer) => void; reject: (e: Error) => void } | null = null;
  private error: Error | null = null;

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    this.wake();
  }

  fail(error: Error): void {
    this.error ??= error;
    this.wake();
  }

  read(n: number): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      this.waiting = { n, resolve, reject };
      this.wake();
    });
  }

  /** What arrived beyond the reads; it belongs to whoever reads next. */
  drain(): Buffer {
    const rest = Buffer.concat(this.chunks);
    this.chunks = [];
    this.size = 0;
    return rest;
  }

  private wake(): void {
    const waiting = this.waiting;
    if (!waiting) return;
    if (this.size >= waiting.n) {
      this.waiting = null;
      const all = Buffer.concat(this.chunks);
      this.chunks = all.length > waiting.n ? [all.subarray(waiting.n)] : [];
      this.size -= waiting.n;
      waiting.resolve(all.subarray(0, waiting.n));
    } else if (this.error) {
      this.waiting = null;
      waiting.reject(this.error);
    }
  }
}
