/**
 * What one synthesis run shares between its workers: the inputs, the pyramid's levels and the
 * output, every array in a SharedArrayBuffer, plus the plain-data description (sizes, weights,
 * landmarks) that travels by message. `allocate` runs on the calling thread (allocation only);
 * `views` rebuilds the typed arrays on each worker.
 */
import type { Point } from '../../../../common/geometry.js';
import type { Level } from './patchmatch.js';
import type { Rgb8 } from './guides.js';
import { SCREEN_SLOTS } from './screen.js';

export interface SynthesisOptions {
  /** 0 = the photo unchanged, 1 = the full synthesis. */
  strength: number;
  /** Marks in luminance only: the photo's own chroma. */
  preserveColor: boolean;
  /** Patch radius (patch size 2r + 1): smaller keeps finer detail, larger carries longer strokes. */
  patchRadius: number;
  /**
   * Share of the artwork's copied strokes in the result, 0..1, for a drawing; a painting or a
   * poster takes its square, a screen more (run.ts: kind-strokes.ts, screen.ts). The rest is the
   * guide, the sitter tone-mapped the artwork's way, which lies exactly on the sitter's edges
   * (DEFAULT_STROKES).
   */
  strokes: number;
  /** 'preview': fewer EM passes (the low-resolution live preview); 'full': the final render. */
  effort: 'preview' | 'full';
  seed: number;
}

export interface Weights {
  /** The style channels against the current estimate (coherence with the artwork's marks). */
  style: number;
  /** The artwork against the sitter drawn its way by tone mapping (pseudo-artwork.ts). */
  guide: number;
  positional: number;
  /** Per sampled pixel whose region label differs. */
  label: number;
  /** Uniform use of the exemplar: cost of using a source patch once more than its even share. */
  uniformity: number;
  /** Voting: how strongly well-matched patches outvote poor ones (0 = plain mean). */
  sharpen: number;
  /**
   * The share of what faces keep (Planes.structure = 1) under the copied marks, whatever the
   * strokes: the guide where it still draws the sitter's features, else the colour grade
   * (face-under.ts), so the features stay readable under any artwork.
   */
  faceHedge: number;
}

/**
 * The Strokes control's default: 0.7 (a painting's or a poster's share 0.49: kind-strokes.ts).
 * Before tone kinds, less faded a painting's marks into a soft grade (looked at: Munch's *The
 * Scream* on demo sample1 at 0.5); with all of them the analogy set's posterised ratio was 1.16
 * against 1.02 (copied marks land a pixel or two off the sitter's edges).
 */
export const DEFAULT_STROKES = 0.7;

export const DEFAULT_WEIGHTS: Weights = { style: 1, guide: 2, positional: 0.02, label: 0.05, uniformity: 0.2, sharpen: 0.5, faceHedge: 0.9 };

export interface FacePair {
  /** The artwork's face and the sitter's (68 landmarks in each image's pixels). */
  artwork: Point[];
  photo: Point[];
  /** Every face on the photo, for its region labels. */
  photoFaces: Point[][];
  /**
   * The segments (faces/segments.ts) of the artwork and of the photo at their sizes, from the face
   * parser; absent (parser not built or not cleared for commercial use): landmark polygons.
   */
  segments?: { artwork: Uint8Array; photo: Uint8Array } | undefined;
}

export interface Plan {
  artwork: { width: number; height: number };
  photo: { width: number; height: number };
  faces?: FacePair | undefined;
  options: SynthesisOptions;
  weights: Weights;
  /** Channels per pixel: 3 style + 3 guide (and x, y when faces). */
  channels: number;
  levels: Array<{ sw: number; sh: number; tw: number; th: number }>;
  hasMask: boolean;
  hasStructure: boolean;
}

/** Per-pixel planes over the photo (width × height, 0..1). */
export interface Planes {
  /** Where the style applies (a region limit); absent: everywhere. */
  mask?: Float32Array | undefined;
  /** Faces (style/face-weight.ts): there the result keeps more of the sitter's structure; absent: none. */
  structure?: Float32Array | undefined;
}

export interface SharedBuffers {
  artwork: SharedArrayBuffer;
  photo: SharedArrayBuffer;
  mask: SharedArrayBuffer;
  structure: SharedArrayBuffer;
  /** With a structure plane: what faces keep under the marks (RGB 0..1, 3 per pixel; face-under.ts). */
  graded: SharedArrayBuffer;
  out: SharedArrayBuffer;
  /** The artwork's periodic screen, found by rank 0 (screen.ts, SCREEN_SLOTS float64s). */
  screen: SharedArrayBuffer;
  /** The artwork's tone kind, found by rank 0 with the guide (an index into kind-strokes.ts TONE_KINDS, one int32). */
  kind: SharedArrayBuffer;
  /** [cancel flag, barrier count, barrier generation]. */
  control: SharedArrayBuffer;
  levels: Array<{
    srcFeat: SharedArrayBuffer;
    tgtFeat: SharedArrayBuffer;
    srcRgb: SharedArrayBuffer;
    srcLabel: SharedArrayBuffer;
    tgtLabel: SharedArrayBuffer;
    nnf: SharedArrayBuffer;
    cost: SharedArrayBuffer;
    omega: SharedArrayBuffer;
    /** The vote's RGB estimate of the target at this level. */
    tgtRgb: SharedArrayBuffer;
  }>;
}

/** The coarsest level keeps at least this many pixels on every side of both images. */
const MIN_LEVEL_SIDE = 24;

export function levelSizes(a: { width: number; height: number }, p: { width: number; height: number }): Plan['levels'] {
  const out: Plan['levels'] = [{ sw: a.width, sh: a.height, tw: p.width, th: p.height }];
  for (;;) {
    const l = out[out.length - 1]!;
    if (Math.min(l.sw, l.sh, l.tw, l.th) < 2 * MIN_LEVEL_SIDE) break;
    out.push({ sw: l.sw >> 1, sh: l.sh >> 1, tw: l.tw >> 1, th: l.th >> 1 });
  }
  return out;
}

const sab = (bytes: number) => new SharedArrayBuffer(Math.max(4, bytes));

export function allocate(plan: Plan, artwork: Rgb8, photo: Rgb8, { mask, structure }: Planes = {}): SharedBuffers {
  const copy = (src: ArrayBufferView, bytes: number) => {
    const b = sab(bytes);
    new Uint8Array(b).set(new Uint8Array(src.buffer, src.byteOffset, bytes));
    return b;
  };
  const labels = plan.faces !== undefined;
  return {
    artwork: copy(artwork.data, artwork.data.byteLength),
    photo: copy(photo.data, photo.data.byteLength),
    mask: mask ? copy(mask, mask.byteLength) : sab(4),
    structure: structure ? copy(structure, structure.byteLength) : sab(4),
    graded: sab(structure ? photo.width * photo.height * 3 * 4 : 0),
    out: sab(photo.width * photo.height * 3),
    screen: sab(SCREEN_SLOTS * 8),
    kind: sab(4),
    control: sab(3 * 4),
    levels: plan.levels.map(({ sw, sh, tw, th }) => ({
      srcFeat: sab(sw * sh * plan.channels * 4),
      tgtFeat: sab(tw * th * plan.channels * 4),
      srcRgb: sab(sw * sh * 3 * 4),
      srcLabel: sab(labels ? sw * sh : 0),
      tgtLabel: sab(labels ? tw * th : 0),
      nnf: sab(tw * th * 4),
      cost: sab(tw * th * 4),
      omega: sab(sw * sh * 4),
      tgtRgb: sab(tw * th * 3 * 4),
    })),
  };
}

export function levelViews(plan: Plan, b: SharedBuffers): Array<Level & { tgtRgb: Float32Array }> {
  const labels = plan.faces !== undefined;
  return plan.levels.map((s, i) => {
    const l = b.levels[i]!;
    return {
      ...s,
      c: plan.channels,
      srcFeat: new Float32Array(l.srcFeat),
      tgtFeat: new Float32Array(l.tgtFeat),
      srcRgb: new Float32Array(l.srcRgb),
      srcLabel: labels ? new Uint8Array(l.srcLabel) : new Uint8Array(0),
      tgtLabel: labels ? new Uint8Array(l.tgtLabel) : new Uint8Array(0),
      nnf: new Int32Array(l.nnf),
      cost: new Float32Array(l.cost),
      omega: new Int32Array(l.omega),
      tgtRgb: new Float32Array(l.tgtRgb),
    };
  });
}

export function makePlan(
  artwork: { width: number; height: number },
  photo: { width: number; height: number },
  options: SynthesisOptions,
  faces?: FacePair,
  planes: Planes = {},
  weights: Weights = DEFAULT_WEIGHTS,
): Plan {
  return { artwork, photo, faces, options, weights, channels: faces ? 8 : 6, levels: levelSizes(artwork, photo), hasMask: planes.mask !== undefined, hasStructure: planes.structure !== undefined };
}
