/**
 * A plain per-pixel TypeScript thin-plate-spline warp: the exact spline at every pixel (no coarse
 * grid) and bilinear sampling with border clamping. The ONNX model must agree with it (test), and
 * the benchmark reports the model's speed against it.
 */
import type { RgbImage } from '../../electron/services/images/decode.js';
import type { Mapping } from '../../electron/services/warp/mapping.js';
import { evalTps } from '../../electron/services/warp/tps.js';

export function referenceWarp(img: RgbImage, m: Mapping): RgbImage {
  const { width: w, height: h, data } = img;
  const out = new Uint8Array(data.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const [u, v] = evalTps(m.tps, x / m.norm, y / m.norm);
      const sx = Math.min(w - 1, Math.max(0, u * m.norm));
      const sy = Math.min(h - 1, Math.max(0, v * m.norm));
      const x0 = Math.min(Math.floor(sx), Math.max(w - 2, 0));
      const y0 = Math.min(Math.floor(sy), Math.max(h - 2, 0));
      const fx = sx - x0;
      const fy = sy - y0;
      const x1 = Math.min(x0 + 1, w - 1);
      const y1 = Math.min(y0 + 1, h - 1);
      for (let c = 0; c < 3; c++) {
        const p = (yy: number, xx: number) => data[(yy * w + xx) * 3 + c]!;
        const top = p(y0, x0) + fx * (p(y0, x1) - p(y0, x0));
        const bottom = p(y1, x0) + fx * (p(y1, x1) - p(y1, x0));
        out[(y * w + x) * 3 + c] = Math.round(top + fy * (bottom - top));
      }
    }
  }
  return { width: w, height: h, data: out };
}

export function psnr(a: RgbImage, b: RgbImage): number {
  let se = 0;
  for (let i = 0; i < a.data.length; i++) se += (a.data[i]! - b.data[i]!) ** 2;
  const mse = se / a.data.length;
  return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse);
}

