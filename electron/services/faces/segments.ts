/**
 * Semantic regions of a portrait as one label per pixel — background, hair, skin, eyes, brows,
 * lips — for the segmentation guide of patch synthesis (hair gets the artwork's hair strokes,
 * eyes get its eyes). `landmarkSegments` draws them from the 68 landmarks' polygons (faces/masks.ts)
 * with the hair as a band of the head ellipse around the face; `parsedSegments` fills the same
 * `SegmentMap` from the face parser's labels (CelebAMask-HQ classes fold onto these six).
 */
import { eyeCentres } from '../../../common/face68/align.js';
import { regionPolygons } from './masks.js';
import { fillPolygon, plane, type Plane } from './raster.js';
import { PARSING_CLASSES, type ParsingClass } from './parsing-classes.js';
import type { Point } from '../../../common/geometry.js';

export const SEGMENTS = ['background', 'hair', 'skin', 'eyes', 'brows', 'lips'] as const;
export type Segment = (typeof SEGMENTS)[number];

export interface SegmentMap {
  width: number;
  height: number;
  /** Index into SEGMENTS per pixel, row-major. */
  labels: Uint8Array;
}

/** Anything that labels a portrait's pixels: landmark polygons now, a parsing model later. */
export type Segmenter = (faces: readonly Point[][], width: number, height: number) => SegmentMap;

/** The head as an ellipse around the eyes: 1.55 eye distances across, 2 up (hair), 1.9 down (chin). */
function headEllipse(lm: Point[]): Point[] {
  const { left, right } = eyeCentres(lm);
  const iod = Math.hypot(right[0] - left[0], right[1] - left[1]) || 1;
  const u: Point = [(right[0] - left[0]) / iod, (right[1] - left[1]) / iod];
  const up: Point = [u[1], -u[0]];
  const c: Point = [(left[0] + right[0]) / 2, (left[1] + right[1]) / 2];
  const out: Point[] = [];
  for (let k = 0; k < 48; k++) {
    const t = (2 * Math.PI * k) / 48;
    const a = 1.55 * iod * Math.cos(t);
    const b = (Math.sin(t) > 0 ? 2 : 1.9) * iod * Math.sin(t);
    out.push([c[0] + a * u[0] + b * up[0], c[1] + a * u[1] + b * up[1]]);
  }
  return out;
}

function paint(labels: Uint8Array, mask: Plane, value: number): void {
  for (let i = 0; i < labels.length; i++) if (mask.data[i]! > 0) labels[i] = value;
}

export const landmarkSegments: Segmenter = (faces, width, height) => {
  const labels = new Uint8Array(width * height);
  for (const lm of faces) {
    const polys = regionPolygons(lm);
    const layer = (list: Point[][], value: number) => {
      const p = plane(width, height);
      for (const poly of list) fillPolygon(p, poly);
      paint(labels, p, value);
    };
    // Hair: the head ellipse's upper part and sides, then the face painted over it.
    const { left, right } = eyeCentres(lm);
    const head = headEllipse(lm).filter(([x, y]) => {
      // keep the part above the mouth line: below it the ellipse is jaw, neck or collar
      const mouth = lm[57]!;
      const up: Point = [right[1] - left[1], left[0] - right[0]]; // the face's up, eye distance long
      return (x - mouth[0]) * up[0] + (y - mouth[1]) * up[1] >= 0;
    });
    layer([head], SEGMENTS.indexOf('hair'));
    layer(polys.face, SEGMENTS.indexOf('skin'));
    layer(polys.brows, SEGMENTS.indexOf('brows'));
    layer(polys.eyes, SEGMENTS.indexOf('eyes'));
    layer(polys.mouth, SEGMENTS.indexOf('lips'));
  }
  return { width, height, labels };
};

/**
 * The parser's classes folded onto the six segments: ears, nose and neck are skin (skin strokes,
 * not the background's); glasses are eyes; the mouth's inside is lips; clothes and jewellery are
 * background. Indices the parser lacks (the UNSEEN mark outside its crops) are background.
 */
const FOLD: Partial<Record<ParsingClass, Segment>> = {
  hair: 'hair', hat: 'hair',
  skin: 'skin', nose: 'skin', l_ear: 'skin', r_ear: 'skin', neck: 'skin',
  l_eye: 'eyes', r_eye: 'eyes', eye_g: 'eyes',
  l_brow: 'brows', r_brow: 'brows',
  u_lip: 'lips', l_lip: 'lips', mouth: 'lips',
};
const FOLDED = Uint8Array.from({ length: 256 }, (_, i) => SEGMENTS.indexOf(FOLD[PARSING_CLASSES[i] as ParsingClass] ?? 'background'));

/** Segments from the face parser's labels (PARSING_CLASSES indices, one per pixel). */
export function parsedSegments(labels: Uint8Array, width: number, height: number): SegmentMap {
  const out = new Uint8Array(labels.length);
  for (let i = 0; i < labels.length; i++) out[i] = FOLDED[labels[i]!]!;
  return { width, height, labels: out };
}
