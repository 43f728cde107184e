/**
 * The DFN input streams for one face (paper Fig. 3), in the canonical 256×256 frame:
 *  - landmarks: a binary image with a small white disc at each of the 68 points;
 *  - texture: the aligned face with the five organ regions (eyes, brows, nose, mouth, cheeks)
 *    wiped and refilled smoothly from the surrounding skin;
 *  - organs: only eyes, brows, nose and mouth, on neutral grey.
 */
import type { RgbImage } from '../images/decode.js';
import { applyAffine, canonicalTransform, invertAffine, CANONICAL_LEFT_EYE, CANONICAL_RIGHT_EYE, CANONICAL_SIZE, type Affine } from '../../../common/face68/align.js';
import { faceMasks, type FaceMasks } from './masks.js';
import { blur, plane, type Plane } from './raster.js';
import type { Point } from '../../../common/geometry.js';
import type { Parsing } from './parse.js';
import { labelsInFrame, parsedFaceMasks } from './parse-masks.js';

export const NEUTRAL = 128;
const DOT_RADIUS = 2;

export interface FaceStreams {
  size: number;
  /** The face warped into the canonical frame. */
  aligned: RgbImage;
  /** Landmarks in the canonical frame. */
  points: Point[];
  landmarks: RgbImage;
  texture: RgbImage;
  organs: RgbImage;
  masks: FaceMasks;
}

/** Resamples the image into a size×size frame given image → frame; outside the photo reads the nearest edge pixel. */
export function warpAffine(img: RgbImage, toFrame: Affine, size: number): RgbImage {
  const [i0, i1, i2, i3, i4, i5] = invertAffine(toFrame);
  const out = new Uint8Array(size * size * 3);
  const { width, height, data } = img;
  let o = 0;
  for (let y = 0; y < size; y++) {
    // applyAffine(inv, [x + 0.5, y + 0.5]) term by term, without a pair per pixel
    const ry = i2 * (y + 0.5);
    const rx = i3 * (y + 0.5);
    for (let x = 0; x < size; x++) {
      const sx = i0 * (x + 0.5) + ry + i4;
      const sy = i1 * (x + 0.5) + rx + i5;
      // pixel centres at +0.5: sample at (sx − 0.5, sy − 0.5) in index space
      const fx = Math.min(width - 1, Math.max(0, sx - 0.5));
      const fy = Math.min(height - 1, Math.max(0, sy - 0.5));
      const x0 = fx | 0; // fx, fy ≥ 0: truncation is floor
      const y0 = fy | 0;
      const x1 = Math.min(width - 1, x0 + 1);
      const y1 = Math.min(height - 1, y0 + 1);
      const ax = fx - x0;
      const ay = fy - y0;
      const bx = 1 - ax;
      const by = 1 - ay;
      const p00 = (y0 * width + x0) * 3;
      const p01 = (y0 * width + x1) * 3;
      const p10 = (y1 * width + x0) * 3;
      const p11 = (y1 * width + x1) * 3;
      // + 0.5 and the Uint8Array store's truncation round these non-negative values half up, as Math.round does
      for (let c = 0; c < 3; c++) {
        const top = data[p00 + c]! * bx + data[p01 + c]! * ax;
        const bottom = data[p10 + c]! * bx + data[p11 + c]! * ax;
        out[o++] = top * by + bottom * ay + 0.5;
      }
    }
  }
  return { width: size, height: size, data: out };
}

/** White discs on black at the given points (a binary image, stored as grey RGB). */
export function landmarkImage(points: Point[], size: number, radius = DOT_RADIUS): RgbImage {
  const data = new Uint8Array(size * size * 3);
  for (const [px, py] of points) {
    for (let y = Math.max(0, Math.floor(py - radius)); y <= Math.min(size - 1, Math.ceil(py + radius)); y++) {
      for (let x = Math.max(0, Math.floor(px - radius)); x <= Math.min(size - 1, Math.ceil(px + radius)); x++) {
        if ((x + 0.5 - px) ** 2 + (y + 0.5 - py) ** 2 <= radius * radius) data.fill(255, (y * size + x) * 3, (y * size + x) * 3 + 3);
      }
    }
  }
  return { width: size, height: size, data };
}

/**
 * Refills the masked area from its surroundings by normalised convolution: blur(image · keep) /
 * blur(keep) with keep = 1 − mask, so only unmasked skin contributes, then blends by the mask.
 * The blur radius (a quarter of the eye distance, ×3 passes) spans the largest hole (mouth+cheeks).
 */
export function wipe(img: RgbImage, mask: Plane, radius: number): RgbImage {
  const n = img.width * img.height;
  const keep = plane(img.width, img.height);
  for (let i = 0; i < n; i++) keep.data[i] = 1 - mask.data[i]!;
  const weight = blur(keep, radius).data;
  const out = new Uint8Array(img.data.length);
  let meanKept = [0, 0, 0];
  let kept = 0;
  for (let i = 0; i < n; i++) {
    kept += keep.data[i]!;
    for (let c = 0; c < 3; c++) meanKept[c]! += img.data[i * 3 + c]! * keep.data[i]!;
  }
  meanKept = meanKept.map((v) => (kept > 0 ? v / kept : NEUTRAL));
  for (let c = 0; c < 3; c++) {
    const ch = plane(img.width, img.height);
    for (let i = 0; i < n; i++) ch.data[i] = img.data[i * 3 + c]! * keep.data[i]!;
    const num = blur(ch, radius).data;
    for (let i = 0; i < n; i++) {
      const fill = weight[i]! > 1e-3 ? num[i]! / weight[i]! : meanKept[c]!;
      const m = mask.data[i]!;
      out[i * 3 + c] = Math.round(img.data[i * 3 + c]! * (1 - m) + fill * m);
    }
  }
  return { width: img.width, height: img.height, data: out };
}

/** Keeps the masked part of the image over a flat neutral background. */
export function isolate(img: RgbImage, mask: Plane, background = NEUTRAL): RgbImage {
  const out = new Uint8Array(img.data.length);
  for (let i = 0; i < mask.data.length; i++) {
    const m = mask.data[i]!;
    for (let c = 0; c < 3; c++) out[i * 3 + c] = Math.round(img.data[i * 3 + c]! * m + background * (1 - m));
  }
  return { width: img.width, height: img.height, data: out };
}

/**
 * The streams of one face. With the photo's parsing the organ and texture masks follow the
 * parser's outlines (faces/parse-masks.ts); without it (parser not built or not cleared for
 * commercial use) they are the landmark polygons of faces/masks.ts.
 */
export function faceStreams(image: RgbImage, landmarks: Point[], parsing?: Parsing, size = CANONICAL_SIZE): FaceStreams {
  const m = canonicalTransform(landmarks);
  const toFrame: Affine = size === CANONICAL_SIZE ? m : (m.map((v) => (v * size) / CANONICAL_SIZE) as Affine);
  const aligned = warpAffine(image, toFrame, size);
  const points = landmarks.map((p) => applyAffine(toFrame, p));
  const masks = parsing ? parsedFaceMasks(labelsInFrame(parsing, toFrame, size, size), points, size, size) : faceMasks(points, size, size);
  const eyeDistance = ((CANONICAL_RIGHT_EYE[0] - CANONICAL_LEFT_EYE[0]) * size) / CANONICAL_SIZE;
  return {
    size,
    aligned,
    points,
    landmarks: landmarkImage(points, size),
    texture: wipe(aligned, masks.wiped, eyeDistance / 4),
    organs: isolate(aligned, masks.organs),
    masks,
  };
}
