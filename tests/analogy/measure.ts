/**
 * The analogy error (issue #12): 1 − SSIM on grey plus the mean chroma difference, both at the
 * images' size (the set uses 256²), and the peer every engine is compared with: a plain colour grade
 * (per-channel mean/std transfer) of the photo toward the artwork.
 */
import type { RgbImage } from '../../electron/services/images/decode.js';
import { gaussian } from './filters.js';
import { chroma, luminance } from '../../electron/services/style/synthesis/guides.js';

function planes(img: RgbImage): { y: Float32Array; cb: Float32Array; cr: Float32Array } {
  const [cb, cr] = chroma(img);
  return { y: luminance(img), cb, cr };
}

/** Mean SSIM (Wang et al. 2004: Gaussian window σ 1.5, K1 0.01, K2 0.03) of two grey planes in 0..1. */
export function ssim(a: Float32Array, b: Float32Array, w: number, h: number): number {
  const n = w * h;
  const g = (p: Float32Array) => gaussian(p, w, h, 1.5);
  const ab = new Float32Array(n);
  const aa = new Float32Array(n);
  const bb = new Float32Array(n);
  for (let i = 0; i < n; i++) [aa[i], bb[i], ab[i]] = [a[i]! * a[i]!, b[i]! * b[i]!, a[i]! * b[i]!];
  const [ma, mb, saa, sbb, sab] = [g(a), g(b), g(aa), g(bb), g(ab)];
  const c1 = 0.01 ** 2;
  const c2 = 0.03 ** 2;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const va = saa[i]! - ma[i]! ** 2;
    const vb = sbb[i]! - mb[i]! ** 2;
    const cov = sab[i]! - ma[i]! * mb[i]!;
    s += ((2 * ma[i]! * mb[i]! + c1) * (2 * cov + c2)) / ((ma[i]! ** 2 + mb[i]! ** 2 + c1) * (va + vb + c2));
  }
  return s / n;
}

/** 1 − SSIM(grey) + mean |ΔCbCr| (Euclidean, 0..1 units). */
export function analogyError(out: RgbImage, truth: RgbImage): number {
  const { structure, chroma } = analogyTerms(out, truth);
  return structure + chroma;
}

/** The two terms of the analogy error: 1 − SSIM(grey) and the mean chroma difference. */
export function analogyTerms(out: RgbImage, truth: RgbImage): { structure: number; chroma: number } {
  if (out.width !== truth.width || out.height !== truth.height) throw new Error('size mismatch');
  const p = planes(out);
  const q = planes(truth);
  let chroma = 0;
  for (let i = 0; i < p.y.length; i++) chroma += Math.hypot(p.cb[i]! - q.cb[i]!, p.cr[i]! - q.cr[i]!);
  return { structure: 1 - ssim(p.y, q.y, out.width, out.height), chroma: chroma / p.y.length };
}

/** The peer: each RGB channel of `photo` moved to the artwork's mean and standard deviation. */
export function colourGrade(photo: RgbImage, artwork: RgbImage): RgbImage {
  const stats = (img: RgbImage, c: number) => {
    const n = img.width * img.height;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const v = img.data[3 * i + c]!;
      s += v;
      s2 += v * v;
    }
    const m = s / n;
    return [m, Math.sqrt(Math.max(1e-6, s2 / n - m * m))] as const;
  };
  const data = new Uint8Array(photo.data.length);
  for (let c = 0; c < 3; c++) {
    const [mp, sp] = stats(photo, c);
    const [ma, sa] = stats(artwork, c);
    for (let i = c; i < data.length; i += 3) data[i] = Math.max(0, Math.min(255, Math.round(ma + ((photo.data[i]! - mp) * sa) / sp)));
  }
  return { width: photo.width, height: photo.height, data };
}
