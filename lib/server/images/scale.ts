import "server-only";
import type { RgbImage } from "./png";

/**
 * A smaller copy of an image, at most `maxWidth` wide (the aspect kept), each pixel the average of the
 * source pixels it covers (a box filter: text on a guest's screen stays readable as shapes, not noise).
 */
export function scaleDown(image: RgbImage, maxWidth: number): RgbImage {
  if (image.width <= maxWidth) return image;
  const width = maxWidth;
  const height = Math.max(1, Math.round((image.height * width) / image.width));
  const rgb = Buffer.alloc(width * height * 3);
  const xStep = image.width / width;
  const yStep = image.height / height;
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor(y * yStep);
    const y1 = Math.max(y0 + 1, Math.floor((y + 1) * yStep));
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor(x * xStep);
      const x1 = Math.max(x0 + 1, Math.floor((x + 1) * xStep));
      let r = 0;
      let g = 0;
      let b = 0;
      for (let sy = y0; sy < y1; sy++) {
        let at = (sy * image.width + x0) * 3;
        for (let sx = x0; sx < x1; sx++, at += 3) {
          r += image.rgb[at];
          g += image.rgb[at + 1];
          b += image.rgb[at + 2];
        }
      }
      const n = (y1 - y0) * (x1 - x0);
      const out = (y * width + x) * 3;
      rgb[out] = r / n;
      rgb[out + 1] = g / n;
      rgb[out + 2] = b / n;
    }
  }
  return { width, height, rgb };
}
