/**
 * The eight drawing-style graphs. Each reads its parameters from the `params` input in the order
 * of common/style/catalog.ts, so every parameter can be sampled (APMM) or edited
 * without rebuilding the model. Procedural textures (paper grain, pencil and brush streaks) are
 * seeded 128² tiles baked in as initializers; halftone and hatching are computed from the pixel
 * coordinates, so the output is deterministic and independent of the image size.
 */
import { GraphBuilder } from '../../onnx/builder.js';
import { DRAWING_STYLES, type DrawingStyle } from '../../../common/style/catalog.js';
import {
  add, affine, blur, clip01, coords, finish, flowSmooth, flowWeights, gray3, kuwahara, lerp, localContrast, localTone, luminance, mul,
  noiseTile, param, saturate, scalar, sigmoid, sub, texture, xdogLines, type B,
} from './ops.js';

const TILE = 128;
/**
 * Shading tone of the graphite styles: local tone over 49-px windows, light range compressed to
 * 40 % and detail ×1.6. Without it a face in shadow fell below the fixed tone thresholds into
 * solid hatching or charcoal and the detector lost it (README.md, face readability).
 */
const shadingTone = (b: B, l: string) => localTone(b, l, 24, 0.4, 1.6);
type Build = (b: B, x: string, p: (name: string) => string) => string;

function paperColour(b: B, rgb: [number, number, number]): string {
  return b.f32('paper', rgb, [1, 3, 1, 1]);
}

/** A texture scaled to ±amount around 1, for multiplicative grain. */
function grain(b: B, x: string, seed: number, amount: string, k: number, sx = 1, sy = 1, diagonal = false): string {
  const t = texture(b, x, noiseTile(seed, TILE, sx, sy, diagonal), TILE);
  return add(b, scalar(b, 1), mul(b, mul(b, t, amount), scalar(b, k)));
}

const lines = (b: B, l: string, p: (n: string) => string, flow?: string) =>
  xdogLines(b, l, p('lineSigma'), p('lineSharpness'), p('lineThreshold'), flow);

/** Bousseau et al. 2006 pigment density: C' = C·(1 − (1 − C)·(d − 1)); d > 1 darkens, d < 1 dilutes. */
function density(b: B, c: string, dMinus1: string): string {
  return mul(b, c, sub(b, scalar(b, 1), mul(b, sub(b, scalar(b, 1), c), dMinus1)));
}

/** A stripe field at angle θ with the given period: 0.5 + 0.5·cos(2π(x cos θ + y sin θ)/period). */
function stripes(b: B, x: string, period: string, angleDeg: number): string {
  const { xx, yy } = coords(b, x);
  const a = (angleDeg * Math.PI) / 180;
  const u = add(b, affine(b, xx, Math.cos(a)), affine(b, yy, Math.sin(a)));
  const phase = mul(b, b.op1('Div', [u, period]), scalar(b, 2 * Math.PI));
  return affine(b, b.op1('Cos', [phase]), 0.5, 0.5);
}

const BUILDERS: Record<string, Build> = {
  pencil(b, x, p) {
    const l = luminance(b, x);
    const edges = lines(b, l, p);
    const tone = blur(b, shadingTone(b, l), 1, 2);
    // Graphite lays down darkness along diagonal strokes; the stroke texture modulates it.
    const strokes = texture(b, x, noiseTile(11, TILE, 0, 4, true), TILE);
    const dark = mul(b, mul(b, p('shading'), sub(b, scalar(b, 1), tone)), affine(b, strokes, 0.25, 0.8));
    const g = mul(b, mul(b, edges, clip01(b, sub(b, scalar(b, 1), dark))), grain(b, x, 7, p('grain'), 0.06));
    return mul(b, gray3(b, g), paperColour(b, [0.98, 0.97, 0.94]));
  },

  ink(b, x, p) {
    const l = luminance(b, x);
    const edges = sigmoid(b, lines(b, l, p, flowWeights(b, l)), 12, 0.5); // thresholded: near-binary ink
    // Line-screen hatching on the local tone: a stroke's width grows with the local darkness past
    // a threshold (45° from 0.4, crossed at −45° from 0.65), so the mean ink over a few periods
    // follows the photo's tone and a face keeps its dark/light pattern (eyes, brows, mouth); the
    // old fixed-width strokes switched on at two tone thresholds and covered shadowed faces evenly.
    // The 1.08 offset keeps paper white where the cover is 0 (a stripe's crest is exactly 1).
    const dark = sub(b, scalar(b, 1), blur(b, shadingTone(b, l), 1, 1.5));
    const hatch = (from: number, angle: number) => {
      const cover = clip01(b, mul(b, mul(b, sub(b, dark, scalar(b, from)), p('hatch')), scalar(b, 2.5)));
      return sigmoid(b, sub(b, stripes(b, x, p('hatchSpacing'), angle), sub(b, scalar(b, 1.08), cover)), 20);
    };
    const ink = b.op1('Max', [b.op1('Max', [sub(b, scalar(b, 1), edges), hatch(0.4, 45)]), hatch(0.65, -45)]);
    return mul(b, gray3(b, sub(b, scalar(b, 1), ink)), paperColour(b, [1, 0.99, 0.96]));
  },

  charcoal(b, x, p) {
    const l = luminance(b, x);
    // σ 1.5 rather than 2.5: the wider blur smudged sample3's blue-lit eyes and mouth away.
    const tone = blur(b, shadingTone(b, l), 1, 1.5);
    const dark = clip01(b, affine(b, mul(b, sub(b, scalar(b, 0.55), tone), p('contrast')), 1, 0.5));
    // Charcoal catches on the paper's tooth: coarse grain modulates where pigment lands.
    const tooth = texture(b, x, noiseTile(23, TILE, 1, 1), TILE);
    const smear = texture(b, x, noiseTile(29, TILE, 3, 1), TILE);
    const cover = clip01(b, mul(b, dark, add(b, scalar(b, 1), mul(b, p('grain'), affine(b, add(b, tooth, smear), 0.18)))));
    const soft = xdogLines(b, l, p('lineSigma'), scalar(b, 40), scalar(b, 0.004));
    const ln = lerp(b, scalar(b, 1), soft, p('lines'));
    const g = mul(b, sub(b, scalar(b, 1), affine(b, cover, 0.88)), ln);
    return mul(b, gray3(b, g), paperColour(b, [0.94, 0.92, 0.88]));
  },

  comic(b, x, p) {
    // Posterise the photo with its luminance replaced by the local tone (chroma kept): without it
    // sample3's low-contrast, blue-lit face fell into one ink level and the detector lost it.
    const l = luminance(b, x);
    const smooth = blur(b, add(b, x, sub(b, shadingTone(b, l), l)), 3, 1);
    const levels = p('levels');
    const poster = b.op1('Div', [b.op1('Floor', [affine(b, mul(b, smooth, levels), 1, 0.5)]), levels]);
    const col = clip01(b, saturate(b, poster, p('saturation')));
    // Halftone: a 45° dot screen whose dots grow with the shadow depth.
    const dotsField = mul(b, stripes(b, x, p('dotPeriod'), 45), stripes(b, x, p('dotPeriod'), -45));
    const shadow = sub(b, scalar(b, 1), luminance(b, smooth));
    const dot = mul(b, sigmoid(b, sub(b, dotsField, affine(b, shadow, -1, 1)), 20), p('dots'));
    const inked = mul(b, col, sub(b, scalar(b, 1), affine(b, dot, 0.6)));
    const outline = sigmoid(b, lines(b, l, p), 12, 0.5);
    return mul(b, inked, outline);
  },

  watercolour(b, x, p) {
    const flat = blur(b, kuwahara(b, x, 3, p('sharpness')), 3, 1.2); // wet-in-wet bleeding
    const washed = affine(b, mul(b, sub(b, flat, scalar(b, 1)), sub(b, scalar(b, 1), affine(b, p('wash'), 0.5))), 1, 1);
    const lf = luminance(b, flat);
    const edge = b.op1('Abs', [sub(b, lf, blur(b, lf, 1, 2.5))]);
    const gran = texture(b, x, noiseTile(31, TILE, 1, 1), TILE);
    const d = add(b, mul(b, mul(b, edge, scalar(b, 12)), p('edgeDarkening')), mul(b, mul(b, gran, scalar(b, 0.35)), p('granulation')));
    const pigment = density(b, clip01(b, washed), d);
    return mul(b, pigment, grain(b, x, 37, p('paper'), 0.05, 2, 2));
  },

  oil(b, x, p) {
    const k = kuwahara(b, x, 2, p('sharpness'));
    const aligned = lerp(b, k, flowSmooth(b, k, flowWeights(b, luminance(b, k))), p('flow'));
    const brush = grain(b, x, 41, p('texture'), 0.09, 0, 3);
    return mul(b, saturate(b, aligned, p('saturation')), brush);
  },

  pop(b, x, p) {
    const l = blur(b, luminance(b, x), 1, 1.5);
    // Tones relative to this photo: its global z-score (the big shapes: face against hair and
    // ground) plus a local one over 17-px windows (the features), so a face in shadow or
    // against a dark ground still spans the inks (README.md, face readability).
    const mean = b.op1('ReduceMean', [l], { keepdims: 1 });
    const sd = b.op1('Sqrt', [add(b, b.op1('ReduceMean', [mul(b, sub(b, l, mean), sub(b, l, mean))], { keepdims: 1 }), scalar(b, 1e-6))]);
    const global = b.op1('Div', [sub(b, l, mean), sd]);
    const z = add(b, affine(b, add(b, global, localContrast(b, l, 8, 0.5)), 0.6), mul(b, p('toneBias'), scalar(b, 4)));
    const ink = (i: string) => b.op1('Reshape', [b.op1('Concat', [p(`${i}R`), p(`${i}G`), p(`${i}B`)], { axis: 0 }), b.i64('shape', [1, 3, 1, 1])]);
    const [c0, c1, c2, c3] = [ink('shadow'), ink('dark'), ink('mid'), ink('light')];
    let out = c0;
    for (const [prev, next, t] of [[c0, c1, -0.8], [c1, c2, 0], [c2, c3, 0.8]] as const) {
      out = add(b, out, mul(b, sigmoid(b, z, 6, t), sub(b, next, prev))); // soft enough to keep shading across an ink edge
    }
    const outline = sigmoid(b, xdogLines(b, luminance(b, x), scalar(b, 1.4), scalar(b, 150), scalar(b, 0.006)), 12, 0.5);
    return mul(b, out, lerp(b, scalar(b, 1), outline, p('outline')));
  },

  'colour-caricature'(b, x, p) {
    const tones = saturate(b, kuwahara(b, x, 2, scalar(b, 6)), p('saturation'));
    const ln = lines(b, luminance(b, x), p);
    return mul(b, clip01(b, tones), lerp(b, scalar(b, 1), ln, p('lines')));
  },
};

export function buildDrawingGraph(style: DrawingStyle): Uint8Array {
  const build = BUILDERS[style.id];
  if (!build) throw new Error(`no graph builder for drawing style ${style.id}`);
  const b = new GraphBuilder(style.model);
  const x = b.input('image', 'float32', [1, 3, 'H', 'W']);
  const params = b.input('params', 'float32', [style.params.length]);
  const strength = b.input('strength', 'float32', [1]);
  const preserve = b.input('preserve_color', 'float32', [1]);
  const mask = b.input('mask', 'float32', [1, 1, 'H', 'W']);
  const cache = new Map<string, string>();
  const p = (name: string) => {
    const i = style.params.findIndex((q) => q.name === name);
    if (i < 0) throw new Error(`${style.id}: unknown parameter ${name}`);
    if (!cache.has(name)) cache.set(name, param(b, params, i));
    return cache.get(name)!;
  };
  const styled = build(b, x, p);
  b.op1('Identity', [finish(b, x, styled, strength, preserve, mask)], {}, 'styled');
  b.output('styled', 'float32', [1, 3, 'H', 'W']);
  return b.toBytes(`${style.name}: drawing style; params = [${style.params.map((q) => q.name).join(', ')}]`);
}

export function drawingStyles(): DrawingStyle[] {
  return DRAWING_STYLES;
}
