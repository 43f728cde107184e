/**
 * The face weight the example-based style takes as its `structure` input: 1 on every face (the
 * face polygon of faces/masks.ts — jaw line up to a band above the brows — grown a little so the
 * outline against the background is covered too), feathered to 0 outside, the union over faces.
 * Inside it the style keeps more of the photo's structure (build/recipes/style/example.ts), the
 * way an illustrator keeps a face legible in a heavily textured painting.
 */
import { eyeCentres } from '../../../common/face68/align.js';
import { regionPolygons } from '../faces/masks.js';
import { blur, fillPolygon, plane, scalePolygon } from '../faces/raster.js';
import type { Point } from '../../../common/geometry.js';

/** The face polygon scaled about its mean: the jaw line and the hair line are edges the face needs. */
export const FACE_GROW = 1.15;
/** Feather radius in inter-ocular distances (blur σ ≈ r): soft enough that no seam shows. */
export const FACE_FEATHER = 0.25;

/**
 * width × height weights in 0..1, or undefined when there is no face (the graph then gets zeros:
 * the plain style). Each face is filled and blurred on its own bounding box padded by the blur's
 * support (three box passes of radius r reach 3r), so a small face on a large photo costs only its
 * crop, with the same values as blurring the whole plane.
 */
export function faceWeight(faces: readonly Point[][], width: number, height: number): Float32Array | undefined {
  if (faces.length === 0) return undefined;
  const out = new Float32Array(width * height);
  for (const lm of faces) {
    const { left, right } = eyeCentres(lm);
    const r = Math.max(1, Math.round(FACE_FEATHER * Math.hypot(right[0] - left[0], right[1] - left[1])));
    const poly = scalePolygon(regionPolygons(lm).face[0]!, FACE_GROW);
    const pad = 3 * r + 1;
    const x0 = Math.max(0, Math.floor(Math.min(...poly.map((p) => p[0]))) - pad);
    const y0 = Math.max(0, Math.floor(Math.min(...poly.map((p) => p[1]))) - pad);
    const x1 = Math.min(width, Math.ceil(Math.max(...poly.map((p) => p[0]))) + pad);
    const y1 = Math.min(height, Math.ceil(Math.max(...poly.map((p) => p[1]))) + pad);
    if (x1 <= x0 || y1 <= y0) continue; // wholly outside the image
    const crop = plane(x1 - x0, y1 - y0);
    fillPolygon(crop, poly.map(([x, y]): Point => [x - x0, y - y0]));
    const soft = blur(crop, r).data;
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        const i = y * width + x;
        out[i] = Math.max(out[i]!, soft[(y - y0) * crop.width + (x - x0)]!);
      }
    }
  }
  return out;
}
