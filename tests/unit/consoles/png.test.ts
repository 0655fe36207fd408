import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { encodePng, parsePpm } from "@/lib/server/images/png";

const ppm = (header: string, rgb: number[]) => Buffer.concat([Buffer.from(header, "latin1"), Buffer.from(rgb)]);

describe("screenshots", () => {
  it("reads QEMU's PPM, comments and all", () => {
    const image = parsePpm(ppm("P6\n# made by QEMU\n2 1\n255\n", [255, 0, 0, 0, 0, 255]));
    expect(image).toEqual({ width: 2, height: 1, rgb: Buffer.from([255, 0, 0, 0, 0, 255]) });
  });

  it("refuses what is not an 8-bit binary PPM, or is cut short", () => {
    expect(() => parsePpm(Buffer.from("P3\n1 1\n255\n0 0 0\n"))).toThrow("Not an 8-bit binary PPM image");
    expect(() => parsePpm(ppm("P6\n1 1\n65535\n", [0, 0, 0, 0, 0, 0]))).toThrow("Not an 8-bit binary PPM image");
    expect(() => parsePpm(ppm("P6\n2 2\n255\n", [1, 2, 3]))).toThrow("truncated");
  });

  it("writes a PNG whose rows are the pixels, with valid chunk CRCs", () => {
    const rgb = Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const png = encodePng({ width: 2, height: 2, rgb });
    expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    const chunks: { type: string; body: Buffer }[] = [];
    for (let at = 8; at < png.length;) {
      const length = png.readUInt32BE(at);
      const type = png.toString("latin1", at + 4, at + 8);
      chunks.push({ type, body: png.subarray(at + 8, at + 8 + length) });
      at += 12 + length;
    }
    expect(chunks.map((c) => c.type)).toEqual(["IHDR", "IDAT", "IEND"]);
    expect([...chunks[0].body]).toEqual([0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0]);
    expect([...inflateSync(chunks[1].body)]).toEqual([0, 1, 2, 3, 4, 5, 6, 0, 7, 8, 9, 10, 11, 12]);
  });
});
