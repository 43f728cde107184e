/** Integer crops of an RgbImage (for detector passes on part of a photo). */
import type { RgbImage } from '../images/decode.js';

/** The pixels of [x, y, w, h] (integers, inside the image) as their own image. */
export function cropRgb(img: RgbImage, [x, y, w, h]: [number, number, number, number]): RgbImage {
  const data = new Uint8Array(w * h * 3);
  for (let r = 0; r < h; r++) data.set(img.data.subarray(((y + r) * img.width + x) * 3, ((y + r) * img.width + x + w) * 3), r * w * 3);
  return { width: w, height: h, data };
}
