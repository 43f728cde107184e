/**
 * The face-region masks from the parser's outlines instead of landmark polygons: the organs are
 * the pixels the parser labels eye, brow, nose, mouth or lip, the face is every facial class.
 * Cheeks have no class of their own, so they stay the landmark polygons, limited to the skin.
 * Same FaceMasks as faces/masks.ts (same feathering), in whatever frame `toFrame` maps into.
 */
import type { Parsing } from './parse.js';
import { applyAffine, eyeCentres, invertAffine, type Affine } from '../../../common/face68/align.js';
import { faceMasks, type FaceMasks } from './masks.js';
import { classIndex, type ParsingClass } from './parsing-classes.js';
import { blur, plane, union, type Plane } from './raster.js';
import type { Point } from '../../../common/geometry.js';

const GROUPS = {
  eyes: ['l_eye', 'r_eye'],
  brows: ['l_brow', 'r_brow'],
  nose: ['nose'],
  mouth: ['mouth', 'u_lip', 'l_lip'],
  face: ['skin', 'l_brow', 'r_brow', 'l_eye', 'r_eye', 'eye_g', 'nose', 'mouth', 'u_lip', 'l_lip'],
} satisfies Record<string, ParsingClass[]>;

/** The parsing resampled into a width × height frame (nearest label through the inverse of toFrame). */
export function labelsInFrame(parsing: Parsing, toFrame: Affine, width: number, height: number): Uint8Array {
  const inv = invertAffine(toFrame);
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [sx, sy] = applyAffine(inv, [x + 0.5, y + 0.5]);
      const ix = Math.floor(sx);
      const iy = Math.floor(sy);
      if (ix >= 0 && iy >= 0 && ix < parsing.width && iy < parsing.height) out[y * width + x] = parsing.labels[iy * parsing.width + ix]!;
    }
  }
  return out;
}

export function classPlane(labels: Uint8Array, width: number, height: number, classes: ParsingClass[]): Plane {
  const wanted = new Set(classes.map(classIndex));
  const p = plane(width, height);
  for (let i = 0; i < labels.length; i++) if (wanted.has(labels[i]!)) p.data[i] = 1;
  return p;
}

/**
 * FaceMasks from the parsing, given the landmarks in the frame (for the cheeks and the feather
 * width) and the labels already resampled into that frame.
 */
export function parsedFaceMasks(labels: Uint8Array, landmarks: Point[], width: number, height: number): FaceMasks {
  const { left, right } = eyeCentres(landmarks);
  const feather = Math.max(1, 0.04 * Math.hypot(right[0] - left[0], right[1] - left[1]));
  const soft = (classes: ParsingClass[]) => blur(classPlane(labels, width, height, classes), feather);
  const face = soft(GROUPS.face);
  const eyes = soft(GROUPS.eyes);
  const brows = soft(GROUPS.brows);
  const nose = soft(GROUPS.nose);
  const mouth = soft(GROUPS.mouth);
  const skin = classPlane(labels, width, height, ['skin']);
  const polyCheeks = faceMasks(landmarks, width, height).cheeks;
  const cheeks = plane(width, height);
  for (let i = 0; i < cheeks.data.length; i++) cheeks.data[i] = polyCheeks.data[i]! * skin.data[i]!;
  const organs = union([eyes, brows, nose, mouth]);
  const wiped = union([organs, blur(cheeks, feather)]);
  const texture = plane(width, height);
  for (let i = 0; i < texture.data.length; i++) texture.data[i] = face.data[i]! * (1 - wiped.data[i]!);
  return { width, height, face, eyes, brows, nose, mouth, cheeks, organs, wiped, texture };
}
