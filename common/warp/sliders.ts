/**
 * Region sliders in the spirit of Photoshop's Face-Aware Liquify. Each slider is a pure function
 * (canonical landmarks, amount ∈ [−1, 1]) → canonical landmarks, moving only the points of its
 * feature; amount 0 is the identity. Distances are in the 256×256 canonical frame, where the eye
 * centres are 77 px apart, so the same amount looks the same on every face. Left and right
 * features move mirror-symmetrically about the face axis x = 128.
 */
import { FACE_AXIS_X } from '../face68/symmetry.js';
import { PARTS, range, regionIndices, type Region } from '../face68/regions.js';
import { centroid, type Point, type Points } from '../geometry.js';

export const SLIDER_NAMES = [
  'eyeSize',
  'eyeDistance',
  'eyeTilt',
  'noseWidth',
  'noseLength',
  'mouthWidth',
  'smile',
  'upperLip',
  'lowerLip',
  'chinHeight',
  'jawWidth',
  'foreheadHeight',
  'faceWidth',
] as const;
export type SliderName = (typeof SLIDER_NAMES)[number];
export type SliderValues = Partial<Record<SliderName, number>>;

/** The region whose landmarks each slider moves (the forehead is drawn by lifting the brows). */
export const SLIDER_REGION: Readonly<Record<SliderName, Region>> = {
  eyeSize: 'eyes',
  eyeDistance: 'eyes',
  eyeTilt: 'eyes',
  noseWidth: 'nose',
  noseLength: 'nose',
  mouthWidth: 'mouth',
  smile: 'mouth',
  upperLip: 'mouth',
  lowerLip: 'mouth',
  chinHeight: 'jaw',
  jawWidth: 'jaw',
  foreheadHeight: 'brows',
  faceWidth: 'jaw',
};

const LEFT_EYE = range(...PARTS.leftEye);
const RIGHT_EYE = range(...PARTS.rightEye);
const UP = -1; // image y grows downwards

type Move = (p: Point, i: number) => Point;

/** Applies `move` to the listed points (weights scale the move), leaving the rest untouched. */
function movePoints(pts: Points, weights: Readonly<Record<number, number>>, move: (p: Point, w: number, i: number) => Point): Point[] {
  return pts.map((p, i) => {
    const w = weights[i];
    return w === undefined ? [p[0], p[1]] : move(p, w, i);
  });
}

const all = (ids: number[]): Record<number, number> => Object.fromEntries(ids.map((i) => [i, 1]));

function scaleAbout(c: Point, sx: number, sy: number): Move {
  return (p) => [c[0] + sx * (p[0] - c[0]), c[1] + sy * (p[1] - c[1])];
}

function rotateAbout(c: Point, rad: number): Move {
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  return (p) => {
    const dx = p[0] - c[0];
    const dy = p[1] - c[1];
    return [c[0] + dx * cos - dy * sin, c[1] + dx * sin + dy * cos];
  };
}

/** Per-eye transform: `make(centre, side)` with side −1 for the image-left eye, +1 for the right. */
function eachEye(pts: Points, make: (c: Point, side: -1 | 1) => Move): Point[] {
  const left = make(centroid(pts, LEFT_EYE), -1);
  const right = make(centroid(pts, RIGHT_EYE), 1);
  return movePoints(pts, all([...LEFT_EYE, ...RIGHT_EYE]), (p, _w, i) => (i < 42 ? left(p, i) : right(p, i)));
}

/** Horizontal stretch about the face axis, per-point weighted (weights taper the effect). */
function widen(pts: Points, weights: Record<number, number>, amount: number): Point[] {
  return movePoints(pts, weights, (p, w) => [FACE_AXIS_X + (1 + amount * w) * (p[0] - FACE_AXIS_X), p[1]]);
}

function shiftY(pts: Points, weights: Record<number, number>, dy: number): Point[] {
  return movePoints(pts, weights, (p, w) => [p[0], p[1] + w * dy]);
}

export const SLIDERS: Record<SliderName, (pts: Points, a: number) => Point[]> = {
  /** Eyes scale about their centres, up to ±50%. */
  eyeSize: (pts, a) => eachEye(pts, (c) => scaleAbout(c, 1 + 0.5 * a, 1 + 0.5 * a)),
  /** Each eye moves away from (a > 0) or towards the axis by up to 12 px. */
  eyeDistance: (pts, a) => eachEye(pts, (_c, side) => (p) => [p[0] + side * 12 * a, p[1]]),
  /** Eyes rotate about their centres by up to 15°, outer corners up for a > 0. */
  eyeTilt: (pts, a) => eachEye(pts, (c, side) => rotateAbout(c, (-side * 15 * a * Math.PI) / 180)),
  /** Nostrils (31–35) spread horizontally about the nose's own axis, up to ±40%. */
  noseWidth: (pts, a) => {
    const ids = range(31, 36);
    return movePoints(pts, all(ids), scaleAbout(centroid(pts, ids), 1 + 0.4 * a, 1));
  },
  /** Tip and nostrils move down up to 12 px; the bridge (28, 29) follows proportionally. */
  noseLength: (pts, a) => shiftY(pts, { 28: 1 / 3, 29: 2 / 3, 30: 1, 31: 1, 32: 1, 33: 1, 34: 1, 35: 1 }, 12 * a),
  /** The whole mouth stretches horizontally about its centre, up to ±30%. */
  mouthWidth: (pts, a) => {
    const ids = regionIndices('mouth');
    return movePoints(pts, all(ids), scaleAbout(centroid(pts, ids), 1 + 0.3 * a, 1));
  },
  /** Mouth corners rise up to 8 px (a > 0) or fall, their neighbours half as much. */
  smile: (pts, a) => shiftY(pts, { 48: 1, 54: 1, 60: 1, 64: 1, 49: 0.5, 53: 0.5, 55: 0.5, 59: 0.5, 61: 0.3, 63: 0.3, 65: 0.3, 67: 0.3 }, UP * 8 * a),
  /** The upper lip's outer edge rises up to 5 px: a fuller upper lip. */
  upperLip: (pts, a) => shiftY(pts, { 49: 0.6, 50: 1, 51: 1, 52: 1, 53: 0.6 }, UP * 5 * a),
  /** The lower lip's outer edge drops up to 5 px: a fuller lower lip. */
  lowerLip: (pts, a) => shiftY(pts, { 55: 0.6, 56: 1, 57: 1, 58: 1, 59: 0.6 }, 5 * a),
  /** The chin (jaw 5–11, peaking at 8) moves down up to 15 px. */
  chinHeight: (pts, a) => shiftY(pts, { 5: 0.25, 6: 0.5, 7: 0.85, 8: 1, 9: 0.85, 10: 0.5, 11: 0.25 }, 15 * a),
  /** The lower jaw (3–13, strongest at the jaw angles, none at the chin) widens up to 20%. */
  jawWidth: (pts, a) => widen(pts, { 3: 1, 4: 1, 5: 0.8, 6: 0.5, 7: 0.2, 9: 0.2, 10: 0.5, 11: 0.8, 12: 1, 13: 1 }, 0.2 * a),
  /**
   * There are no landmarks above the brows, so a higher forehead is drawn by lifting the brows and
   * the top of the outline (temples, 0–2 and 14–16) by up to 12 px: the upper face stretches.
   */
  foreheadHeight: (pts, a) =>
    shiftY(pts, { ...all(regionIndices('brows')), 0: 0.6, 16: 0.6, 1: 0.3, 15: 0.3, 2: 0.1, 14: 0.1 }, UP * 12 * a),
  /**
   * The whole outline (0–16) widens about the face axis by up to 20%; the brows' tails follow
   * partly, so the temple between them is not stretched into a bulge (nor pinched).
   */
  faceWidth: (pts, a) => widen(pts, { ...all(regionIndices('jaw')), 17: 0.6, 26: 0.6, 18: 0.3, 25: 0.3 }, 0.2 * a),
};

/** Applies sliders in SLIDER_NAMES order (so a preset gives the same shape wherever it is read). */
export function applySliders(pts: Points, values: SliderValues): Point[] {
  let out = pts.map((p): Point => [p[0], p[1]]);
  for (const name of SLIDER_NAMES) {
    const a = values[name];
    if (a) out = SLIDERS[name](out, a);
  }
  return out;
}
