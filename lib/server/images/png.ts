import "server-only";
import { crc32, deflateSync } from "node:zlib";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export type RgbImage = { width: number; height: number; rgb: Buffer };

/** Reads a binary PPM (P6, 8 bits per sample), the format QEMU's screendump writes. */
export function parsePpm(data: Buffer): RgbImage {
  // Header: "P6", width, height, maxval, separated by whitespace with optional # comments, then one whitespace byte.
  const fields: string[] = [];
  let at = 0;
  while (fields.length < 4 && at < data.length) {
    const ch = data[at];
    if (ch === 0x23) while (at < data.length && data[at] !== 0x0a) at++;
    else if (ch === 0x20 || ch === 0x0a || ch === 0x0d || ch === 0x09) at++;
    else {
      const start = at;
      while (at < data.length && data[at] > 0x20) at++;
      fields.push(data.toString("latin1", start, at));
    }
  }
  const [magic, width, height, maxval] = [fields[0], Number(fields[1]), Number(fields[2]), Number(fields[3])];
  if (magic !== "P6" || !(width > 0) || !(height > 0) || maxval !== 255) throw new Error("Not an 8-bit binary PPM image");
  const rgb = data.subarray(at + 1, at + 1 + width * height * 3);
  if (rgb.length !== width * height * 3) throw new Error("The PPM image is truncated");
  return { width, height, rgb };
}

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])));
  return Buffer.concat([head, body, crc]);
}

/** A truecolour PNG: each row gets filter type 0, the rows are deflated into one IDAT. */
export function encodePng({ width, height, rgb }: RgbImage): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per sample
  header[9] = 2; // colour type: RGB
  const stride = width * 3;
  const rows = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) rgb.copy(rows, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  return Buffer.concat([SIGNATURE, chunk("IHDR", header), chunk("IDAT", deflateSync(rows)), chunk("IEND", Buffer.alloc(0))]);
}
