/**
 * Evaluation, not a recipe output: thin-plate spline (the shipped warp) against moving least
 * squares (similarity) on the demo photos — landmarks re-detected by the project's detector on
 * each warp of the same k = 1.5 target, NME over the outer-eye-corner distance. The numbers
 * and the choice are recorded in README.md.
 *
 * Run: npx tsx build/recipes/warp/compare-mls.ts
 */
import { readFileSync } from 'node:fs';
import type { RgbImage } from '../../../electron/services/images/decode.js';
import { decodeImage, fitWithin } from '../../../electron/services/images/decode.js';
import { InferenceService } from '../../../electron/services/inference/service.js';
import { FaceService } from '../../../electron/services/faces/service.js';
import { detectFaces } from '../../../electron/services/faces/detect.js';
import { warpImage } from '../../../electron/services/warp/engine.js';
import { borderAnchors } from '../../../electron/services/warp/mapping.js';
import { composeTarget } from '../../../common/warp/compose.js';
import { centroid, type Point, type Points } from '../../../common/geometry.js';

/**
 * Moving least squares, similarity variant (Schaefer, McPhail & Warren 2006, eq. 7–8 with
 * w = 1/|p − v|^(2α)), as the backward map target → source over the same control points as the
 * TPS (landmarks + border anchors), evaluated exactly at every pixel.
 */
function mlsSimilarityWarp(img: RgbImage, centers: Points, values: Points, alpha = 1): RgbImage {
  const { width: w, height: h, data } = img;
  const out = new Uint8Array(data.length);
  const n = centers.length;
  const wts = new Float64Array(n);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sw = 0;
      let px = 0;
      let py = 0;
      let qx = 0;
      let qy = 0;
      let exact = -1;
      for (let i = 0; i < n; i++) {
        const d2 = (centers[i]![0] - x) ** 2 + (centers[i]![1] - y) ** 2;
        if (d2 < 1e-12) {
          exact = i;
          break;
        }
        const wi = 1 / d2 ** alpha;
        wts[i] = wi;
        sw += wi;
        px += wi * centers[i]![0];
        py += wi * centers[i]![1];
        qx += wi * values[i]![0];
        qy += wi * values[i]![1];
      }
      let sx: number;
      let sy: number;
      if (exact >= 0) {
        [sx, sy] = values[exact]!;
      } else {
        px /= sw;
        py /= sw;
        qx /= sw;
        qy /= sw;
        // f(v) = (v − p*)·M + q*, M the similarity minimising Σ wᵢ|p̂ᵢM − q̂ᵢ|² (closed form).
        let a = 0;
        let b = 0;
        let mu = 0;
        for (let i = 0; i < n; i++) {
          const hx = centers[i]![0] - px;
          const hy = centers[i]![1] - py;
          const gx = values[i]![0] - qx;
          const gy = values[i]![1] - qy;
          a += wts[i]! * (hx * gx + hy * gy);
          b += wts[i]! * (hx * gy - hy * gx);
          mu += wts[i]! * (hx * hx + hy * hy);
        }
        const vx = x - px;
        const vy = y - py;
        sx = qx + (a * vx - b * vy) / mu;
        sy = qy + (b * vx + a * vy) / mu;
      }
      sx = Math.min(w - 1, Math.max(0, sx));
      sy = Math.min(h - 1, Math.max(0, sy));
      const x0 = Math.min(Math.floor(sx), w - 2);
      const y0 = Math.min(Math.floor(sy), h - 2);
      const fx = sx - x0;
      const fy = sy - y0;
      for (let c = 0; c < 3; c++) {
        const p = (yy: number, xx: number) => data[(yy * w + xx) * 3 + c]!;
        const top = p(y0, x0) + fx * (p(y0, x0 + 1) - p(y0, x0));
        const bottom = p(y0 + 1, x0) + fx * (p(y0 + 1, x0 + 1) - p(y0 + 1, x0));
        out[(y * w + x) * 3 + c] = Math.round(top + fy * (bottom - top));
      }
    }
  }
  return { width: w, height: h, data: out };
}

const nme = (f: Points, t: Points) =>
  f.reduce((s, p, i) => s + Math.hypot(p[0] - t[i]![0], p[1] - t[i]![1]), 0) / f.length / Math.hypot(t[36]![0] - t[45]![0], t[36]![1] - t[45]![1]);

const inference = new InferenceService();
// SSD pinned: the numbers in README.md were measured with it.
const faces = new FaceService(inference, 'ssd');
async function redetect(img: RgbImage, t: Point[]): Promise<number> {
  const c = centroid(t);
  const d = (f: { landmarks: Point[] }) => Math.hypot(centroid(f.landmarks)[0] - c[0], centroid(f.landmarks)[1] - c[1]);
  const hit = (await detectFaces(inference, img, { detector: 'ssd' })).faces.sort((a, b) => d(a) - d(b))[0];
  return hit ? nme(hit.landmarks, t) : NaN;
}

let sumTps = 0;
let sumMls = 0;
for (let i = 1; i <= 6; i++) {
  const image = await fitWithin(await decodeImage(readFileSync(`node_modules/@vladmandic/face-api/demo/sample${i}.jpg`)), 768);
  const { landmarks: source } = await faces.face(image, 0);
  const tps = await warpImage(inference, image, source, composeTarget(source, { gains: { global: 1.5 } }));
  const anchors = borderAnchors(image.width, image.height);
  const mls = mlsSimilarityWarp(image, [...tps.target, ...anchors], [...source, ...anchors]);
  const [a, b] = [await redetect(tps.image, tps.target), await redetect(mls, tps.target)];
  sumTps += a;
  sumMls += b;
  console.log(`sample${i}: TPS ${a.toFixed(4)}  MLS ${b.toFixed(4)}`);
}
console.log(`mean NME: TPS ${(sumTps / 6).toFixed(4)}, MLS ${(sumMls / 6).toFixed(4)}`);
await inference.dispose();
