// Minimal XDR (RFC 4506) runtime used by the generated codecs. Decoding never
// trusts lengths from the wire: every read is bounds-checked and raises XdrError.

export class XdrError extends Error {
  override readonly name = "XdrError";
}

export class XdrReader {
  private offset: number;

  constructor(
    private readonly buf: Buffer,
    start = 0,
    private readonly end = buf.length,
  ) {
    this.offset = start;
  }

  get remaining(): number {
    return this.end - this.offset;
  }

  private take(n: number): number {
    if (n < 0 || this.offset + n > this.end) {
      throw new XdrError(`XDR read past end: need ${n} bytes at ${this.offset}, have ${this.end - this.offset}`);
    }
    const at = this.offset;
    this.offset += n;
    return at;
  }

  int(): number {
    return this.buf.readInt32BE(this.take(4));
  }

  uint(): number {
    return this.buf.readUInt32BE(this.take(4));
  }

  hyper(): bigint {
    return this.buf.readBigInt64BE(this.take(8));
  }

  uhyper(): bigint {
    return this.buf.readBigUInt64BE(this.take(8));
  }

  double(): number {
    return this.buf.readDoubleBE(this.take(8));
  }

  float(): number {
    return this.buf.readFloatBE(this.take(4));
  }

  bool(): boolean {
    return this.uint() !== 0;
  }

  /** Length word for a variable array/string/opaque, validated against the declared max. */
  length(max: number, what: string): number {
    const n = this.uint();
    if (n > max) throw new XdrError(`${what}: length ${n} exceeds maximum ${max}`);
    return n;
  }

  /** A copy: the source may be a reused read buffer. */
  fixedOpaque(n: number): Buffer {
    const at = this.take(n);
    this.take((4 - (n % 4)) % 4);
    const out = Buffer.allocUnsafe(n);
    // UUIDs (16 bytes, one per domain in every list) copy faster in JS than through a native call.
    if (n <= 64) for (let i = 0; i < n; i++) out[i] = this.buf[at + i];
    else this.buf.copy(out, 0, at, at + n);
    return out;
  }

  varOpaque(max: number): Buffer {
    return this.fixedOpaque(this.length(max, "opaque"));
  }

  string(max: number): string {
    const n = this.length(max, "string");
    const at = this.take(n);
    this.take((4 - (n % 4)) % 4);
    return this.buf.toString("utf8", at, at + n);
  }

  /** Guards array pre-allocation: each element needs at least 4 bytes. */
  arrayLength(max: number): number {
    const n = this.length(max, "array");
    if (n * 4 > this.remaining) throw new XdrError(`array of ${n} elements cannot fit in ${this.remaining} bytes`);
    return n;
  }

  done(): void {
    if (this.offset !== this.end) throw new XdrError(`${this.end - this.offset} trailing bytes after XDR value`);
  }
}

export class XdrWriter {
  private buf: Buffer;
  private offset = 0;

  constructor(initialSize = 256) {
    this.buf = Buffer.allocUnsafe(initialSize);
  }

  /** Must be called before touching this.buf: it may replace the buffer. */
  private reserve(n: number): number {
    if (this.offset + n > this.buf.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.offset + n));
      this.buf.copy(grown, 0, 0, this.offset);
      this.buf = grown;
    }
    const at = this.offset;
    this.offset += n;
    return at;
  }

  get length(): number {
    return this.offset;
  }

  int(v: number): void {
    const at = this.reserve(4);
    this.buf.writeInt32BE(v | 0, at);
  }

  uint(v: number): void {
    const at = this.reserve(4);
    this.buf.writeUInt32BE(v >>> 0, at);
  }

  hyper(v: bigint): void {
    const at = this.reserve(8);
    this.buf.writeBigInt64BE(BigInt.asIntN(64, v), at);
  }

  uhyper(v: bigint): void {
    const at = this.reserve(8);
    this.buf.writeBigUInt64BE(BigInt.asUintN(64, v), at);
  }

  double(v: number): void {
    const at = this.reserve(8);
    this.buf.writeDoubleBE(v, at);
  }

  float(v: number): void {
    const at = this.reserve(4);
    this.buf.writeFloatBE(v, at);
  }

  bool(v: boolean): void {
    this.uint(v ? 1 : 0);
  }

  length32(n: number, max: number, what: string): void {
    if (n > max) throw new XdrError(`${what}: length ${n} exceeds maximum ${max}`);
    this.uint(n);
  }

  fixedOpaque(v: Uint8Array, n: number): void {
    if (v.length !== n) throw new XdrError(`fixed opaque: expected ${n} bytes, got ${v.length}`);
    this.raw(v);
  }

  varOpaque(v: Uint8Array, max: number): void {
    this.length32(v.length, max, "opaque");
    this.raw(v);
  }

  string(v: string, max: number): void {
    const bytes = Buffer.from(v, "utf8");
    this.length32(bytes.length, max, "string");
    this.raw(bytes);
  }

  private raw(v: Uint8Array): void {
    const pad = (4 - (v.length % 4)) % 4;
    const at = this.reserve(v.length + pad);
    this.buf.set(v, at);
    this.buf.fill(0, at + v.length, at + v.length + pad);
  }

  /** Raw bytes with no length word or padding (stream payloads, pre-encoded headers). */
  bytes(v: Uint8Array): void {
    const at = this.reserve(v.length);
    this.buf.set(v, at);
  }

  /** Overwrites a u32 at an earlier offset (the frame length word). */
  patchUint(at: number, v: number): void {
    this.buf.writeUInt32BE(v >>> 0, at);
  }

  toBuffer(): Buffer {
    return this.buf.subarray(0, this.offset);
  }
}

export function readArray<T>(n: number, readElement: () => T): T[] {
  const out = new Array<T>(n);
  for (let i = 0; i < n; i++) out[i] = readElement();
  return out;
}

export function writeArray<T>(w: XdrWriter, values: readonly T[], max: number, what: string, writeElement: (v: T) => void): void {
  w.length32(values.length, max, what);
  for (const v of values) writeElement(v);
}

export function writeFixedArray<T>(values: readonly T[], n: number, what: string, writeElement: (v: T) => void): void {
  if (values.length !== n) throw new XdrError(`${what}: expected ${n} elements, got ${values.length}`);
  for (const v of values) writeElement(v);
}
