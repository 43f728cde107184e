/**
 * Image-processing building blocks shared by the style graphs. Tensors are float NCHW in 0..1.
 * Every spatial filter pads with 'edge' first (zero padding would darken the borders and reflect
 * padding fails on images smaller than the kernel), so outputs keep the input's H×W.
 */
import type { GraphBuilder } from '../../onnx/builder.js';
import { uniformRng } from '../../../common/random.js';

export type B = GraphBuilder;

export const LUMA = [0.299, 0.587, 0.114];

export function scalar(b: B, v: number): string {
  return b.f32('c', [v], [1]);
}

/** params[i] as a [1] tensor (broadcasts against NCHW). */
export function param(b: B, params: string, i: number): string {
  return b.op1('Slice', [params, b.i64('s', [i]), b.i64('e', [i + 1]), b.i64('ax', [0])]);
}

export const add = (b: B, x: string, y: string) => b.op1('Add', [x, y]);
export const sub = (b: B, x: string, y: string) => b.op1('Sub', [x, y]);
export const mul = (b: B, x: string, y: string) => b.op1('Mul', [x, y]);
export const div = (b: B, x: string, y: string) => b.op1('Div', [x, y]);
export const clip01 = (b: B, x: string) => b.op1('Clip', [x, scalar0(b), scalar1(b)]);
const scalar0 = (b: B) => b.f32('zero', [0], []);
const scalar1 = (b: B) => b.f32('one', [1], []);

/** x·k + c with constants. */
export function affine(b: B, x: string, k: number, c = 0): string {
  const y = k === 1 ? x : mul(b, x, scalar(b, k));
  return c === 0 ? y : add(b, y, scalar(b, c));
}

/** a + t·(c − a). */
export function lerp(b: B, a: string, c: string, t: string): string {
  return add(b, a, mul(b, t, sub(b, c, a)));
}

export function sigmoid(b: B, x: string, steep: number, centre = 0): string {
  return b.op1('Sigmoid', [affine(b, x, steep, -steep * centre)]);
}

/**
 * Rec. 601 luma as one channel, [1,1,H,W]: a [1,3] MatMul over the flattened planes. A 1×1 Conv
 * computes the same, but ORT turns it into a blocked 16-channel (NCHWc) Conv whose layout spills
 * into every op downstream; the MatMul is ~6× faster at 512² and keeps the plain layout.
 */
export function luminance(b: B, x: string): string {
  const planes = b.op1('Reshape', [x, b.i64('shape', [3, -1])]);
  const hw = b.op1('Slice', [b.op1('Shape', [x]), b.i64('s', [2]), b.i64('e', [4])]);
  return b.op1('Reshape', [b.op1('MatMul', [b.f32('luma', LUMA, [1, 3]), planes]), b.op1('Concat', [b.i64('c', [1, 1]), hw], { axis: 0 })]);
}

/** Channel count 1 → 3 by broadcasting (Expand to the RGB shape). */
export function gray3(b: B, l: string): string {
  return b.op1('Concat', [l, l, l], { axis: 1 });
}

/** y = L + s·(x − L): saturation about the luminance. */
export function saturate(b: B, x: string, s: string): string {
  const l = luminance(b, x);
  return add(b, l, mul(b, s, sub(b, x, l)));
}

export function padEdge(b: B, x: string, top: number, left: number, bottom = top, right = left): string {
  return b.op1('Pad', [x, b.i64('pads', [0, 0, top, left, 0, 0, bottom, right])], { mode: 'edge' });
}

function gaussTaps(sigma: number): number[] {
  const r = Math.max(1, Math.ceil(3 * sigma));
  const w = Array.from({ length: 2 * r + 1 }, (_, i) => Math.exp(-((i - r) ** 2) / (2 * sigma * sigma)));
  const s = w.reduce((a, c) => a + c, 0);
  return w.map((v) => v / s);
}

/** Separable Gaussian blur of a C-channel tensor with a fixed sigma (kernels become initializers). */
export function blur(b: B, x: string, channels: number, sigma: number): string {
  const taps = gaussTaps(sigma);
  const r = (taps.length - 1) / 2;
  const rep = (dims: number[]) => b.f32('gk', Array.from({ length: channels }, () => taps).flat(), dims);
  const h = b.op1('Conv', [padEdge(b, x, 0, r), rep([channels, 1, 1, taps.length])], { group: channels });
  return b.op1('Conv', [padEdge(b, h, r, 0), rep([channels, 1, taps.length, 1])], { group: channels });
}

/**
 * Separable Gaussian blur whose sigma is a graph input (so APMM can sample it): the taps
 * exp(−k²/2σ²) over a fixed support of ±maxR are computed in-graph and renormalised.
 */
export function blurVar(b: B, x: string, sigma: string, maxR: number): string {
  const k = b.f32('taps', Array.from({ length: 2 * maxR + 1 }, (_, i) => -((i - maxR) ** 2) / 2));
  const w = b.op1('Exp', [div(b, k, mul(b, sigma, sigma))]);
  const wn = div(b, w, b.op1('ReduceSum', [w], { keepdims: 1 }));
  const kr = b.op1('Reshape', [wn, b.i64('shape', [1, 1, 1, 2 * maxR + 1])]);
  const kc = b.op1('Reshape', [wn, b.i64('shape', [1, 1, 2 * maxR + 1, 1])]);
  const h = b.op1('Conv', [padEdge(b, x, 0, maxR), kr]);
  return b.op1('Conv', [padEdge(b, h, maxR, 0), kc]);
}

/** Sobel gradients of a one-channel image: [gx, gy]. */
export function sobel(b: B, l: string): [string, string] {
  const k = b.f32('sobel', [-1, 0, 1, -2, 0, 2, -1, 0, 1, -1, -2, -1, 0, 0, 0, 1, 2, 1].map((v) => v / 8), [2, 1, 3, 3]);
  const g = b.op1('Conv', [padEdge(b, l, 1, 1), k]);
  const [gx, gy] = b.op('Split', [g, b.i64('split', [1, 1])], { axis: 1 }, 2);
  return [gx!, gy!];
}

/**
 * Extended difference of Gaussians (Winnemöller 2012) in its thresholded form:
 * D = G_σ ∗ L − G_1.6σ ∗ L is negative on the dark side of every edge, and
 * lines = 1 + tanh(φ·min(D + ε, 0)) is 1 on flat paper and falls towards 0 along edges.
 */
export function xdogLines(b: B, l: string, sigma: string, phi: string, eps: string, flowWeights?: string): string {
  let d = sub(b, blurVar(b, l, sigma, 6), blurVar(b, l, mul(b, sigma, scalar(b, 1.6)), 10));
  if (flowWeights) d = flowSmooth(b, d, flowWeights);
  const neg = b.op1('Min', [add(b, d, eps), scalar(b, 0)]);
  return add(b, scalar(b, 1), b.op1('Tanh', [mul(b, phi, neg)]));
}

/**
 * Per-pixel weights of the four directions 0°, 45°, 90°, 135° along the local edge tangent,
 * from the smoothed structure tensor (E, F, G) = (gx², gx·gy, gy²): cos 2t = (G−E)/n and
 * sin 2t = −2F/n with n = √((E−G)² + 4F²). Weight_i = max(0, cos 2(t−θ_i))² plus a small floor,
 * so flat regions (n ≈ 0) fall back to isotropic smoothing. Returns [1,4,H,W], summing to 1.
 */
export function flowWeights(b: B, l: string): string {
  const [gx, gy] = sobel(b, l);
  const st = blur(b, b.op1('Concat', [mul(b, gx, gx), mul(b, gx, gy), mul(b, gy, gy)], { axis: 1 }), 3, 2);
  const [e, f, g] = b.op('Split', [st, b.i64('split', [1, 1, 1])], { axis: 1 }, 3) as [string, string, string];
  const emg = sub(b, e, g);
  const n = add(b, b.op1('Sqrt', [add(b, mul(b, emg, emg), mul(b, mul(b, f, f), scalar(b, 4)))]), scalar(b, 1e-4));
  const c = div(b, sub(b, g, e), n);
  const s = div(b, mul(b, f, scalar(b, -2)), n);
  const cs = b.op1('Concat', [c, s, b.op1('Neg', [c]), b.op1('Neg', [s])], { axis: 1 });
  const r = b.op1('Relu', [cs]);
  const w = add(b, mul(b, r, r), scalar(b, 0.02));
  return div(b, w, b.op1('ReduceSum', [w, b.i64('ax', [1])], { keepdims: 1 }));
}

/** Integer pieces of a tensor's shape as [1] int64 tensors (for shapes computed in the graph). */
function dim(b: B, x: string, i: number): string {
  return b.op1('Slice', [b.op1('Shape', [x]), b.i64('s', [i]), b.i64('e', [i + 1])]);
}

/**
 * Mean over a diagonal line of 2·len+1 pixels through every pixel, by a shear: xp is x edge-padded
 * by len on every side, [1,C,Hp,P]. Its rows laid end to end put pixel (y+1, x±1) exactly P±1
 * values after (y, x), so re-reading the flat rows P±1 wide turns the diagonal into a column and a
 * vertical AveragePool does the work (len·2+1 taps, not the (2·len+1)² of a 2-D kernel — the
 * grouped Conv this replaces was the oil style's largest cost). Every line stays inside its padded
 * row (|dx| ≤ 2·len from a column < W), so nothing wraps; the zero tail only fills the last row.
 */
function diagonalMean(b: B, xp: string, len: number, dx: 1 | -1): string {
  const [c, hp, p] = [dim(b, xp, 1), dim(b, xp, 2), dim(b, xp, 3)];
  const h = sub(b, hp, b.i64('c', [2 * len]));
  const w = sub(b, p, b.i64('c', [2 * len]));
  const n = mul(b, hp, p);
  const stride = add(b, p, b.i64('c', [dx]));
  // Rows of the sheared view: enough for n values plus one spare row, so the pool's output
  // (rows − 2·len rows) still covers every start index below H·P + 2·len.
  const rows = add(b, b.op1('Div', [add(b, n, sub(b, stride, b.i64('c', [1]))), stride]), b.i64('c', [1]));
  const flat = b.op1('Reshape', [xp, b.op1('Concat', [b.i64('c', [1]), c, n], { axis: 0 })]);
  const pads = b.op1('Concat', [b.i64('c', [0, 0, 0, 0, 0]), sub(b, mul(b, rows, stride), n)], { axis: 0 });
  const sheared = b.op1('Reshape', [b.op1('Pad', [flat, pads]), b.op1('Concat', [b.i64('c', [1]), c, rows, stride], { axis: 0 })]);
  const pooled = b.op1('AveragePool', [sheared], { kernel_shape: [2 * len + 1, 1], strides: [1, 1] });
  // Down-right lines start at their top-left end (index y·P + x); down-left ones 2·len later.
  const start = b.i64('c', [dx === 1 ? 0 : 2 * len]);
  const back = b.op1('Reshape', [pooled, b.op1('Concat', [b.i64('c', [1]), c, b.i64('c', [-1])], { axis: 0 })]);
  const rowsHp = b.op1('Slice', [back, start, add(b, start, mul(b, h, p)), b.i64('ax', [2])]);
  const grid = b.op1('Reshape', [rowsHp, b.op1('Concat', [b.i64('c', [1]), c, h, p], { axis: 0 })]);
  return b.op1('Slice', [grid, b.i64('s', [0]), w, b.i64('ax', [3])]);
}

/**
 * Line-integral smoothing along the edge flow: 7-pixel box means along 0°, 45°, 90°, 135°
 * (AveragePools; the diagonals by diagonalMean's shear) mixed per pixel by flowWeights().
 * This is the cheap stand-in for following the tangent field.
 */
export function flowSmooth(b: B, x: string, weights: string, len = 3): string {
  const k = 2 * len + 1;
  const horizontal = b.op1('AveragePool', [padEdge(b, x, 0, len)], { kernel_shape: [1, k], strides: [1, 1] });
  const vertical = b.op1('AveragePool', [padEdge(b, x, len, 0)], { kernel_shape: [k, 1], strides: [1, 1] });
  const xp = padEdge(b, x, len, len);
  // Direction order of flowWeights: 0°, 45° (down-right in image rows), 90°, 135°.
  const lines = [horizontal, diagonalMean(b, xp, len, 1), vertical, diagonalMean(b, xp, len, -1)];
  const [w0, w1, w2, w3] = b.op('Split', [weights, b.i64('split', [1, 1, 1, 1])], { axis: 1 }, 4) as [string, string, string, string];
  return [w1, w2, w3].reduce((acc, wi, i) => add(b, acc, mul(b, lines[i + 1]!, wi)), mul(b, lines[0]!, w0));
}

/**
 * Local tone ("clarity"): the large-scale light m (box mean over (2R+1)²) is compressed towards
 * mid grey and the detail around it is boosted, l' = 0.5 + c·(m − 0.5) + g·(l − m), so a face in
 * shadow keeps its internal contrast through a style's fixed tone thresholds.
 */
export function localTone(b: B, l: string, radius: number, compress: number, gain: number): string {
  const m = boxMean(b, padEdge(b, l, radius, radius), 2 * radius + 1, 2 * radius + 1);
  return clip01(b, add(b, affine(b, m, compress - gain, 0.5 - 0.5 * compress), affine(b, l, gain)));
}

/**
 * Local contrast normalisation: z = (l − m)/√(v + (f·σ)²), with m and v the mean and variance of
 * l over (2R+1)² windows and σ the whole image's standard deviation. A face in shadow or under
 * coloured light gets the same spread of z as a well-lit one, so fixed tone thresholds downstream
 * (poster inks, hatching layers) still separate its eyes, brows and mouth from the skin. The floor
 * f·σ keeps flat areas (plain walls, sky) from blowing sensor noise up to full contrast.
 */
export function localContrast(b: B, l: string, radius: number, floor: number): string {
  const k = 2 * radius + 1;
  const window = (t: string) => boxMean(b, padEdge(b, t, radius, radius), k, k);
  const m = window(l);
  const v = b.op1('Relu', [sub(b, window(mul(b, l, l)), mul(b, m, m))]); // E[l²] − m² can dip below 0 in float32
  const g = b.op1('ReduceMean', [l], { keepdims: 1 });
  const gv = b.op1('ReduceMean', [mul(b, sub(b, l, g), sub(b, l, g))], { keepdims: 1 });
  return div(b, sub(b, l, m), b.op1('Sqrt', [add(b, add(b, v, mul(b, gv, scalar(b, floor * floor))), scalar(b, 1e-6))]));
}

/**
 * Mean over windows of k values along one axis (2 or 3, no padding): short windows are an
 * AveragePool; long ones come from a running sum, (C[i+k] − C[i])/k with C the CumSum after one
 * leading zero, O(1) per value where the pool is O(k) (a 49-px window cost 6 ms at 512² as a
 * pool). float32 sums of ≤ 1 values over a row of a few thousand stay within 1e-6 of the mean.
 */
function windowMean(b: B, x: string, axis: 2 | 3, k: number): string {
  if (k <= 9) return b.op1('AveragePool', [x], { kernel_shape: axis === 2 ? [k, 1] : [1, k], strides: [1, 1] });
  const pads = [0, 0, 0, 0, 0, 0, 0, 0];
  pads[axis] = 1;
  const c = b.op1('CumSum', [b.op1('Pad', [x, b.i64('pads', pads)]), b.i64('axis', [axis], [])]);
  const from = (start: number, end: number) => b.op1('Slice', [c, b.i64('s', [start]), b.i64('e', [end]), b.i64('ax', [axis])]);
  return affine(b, sub(b, from(k, 1 << 30), from(0, -k)), 1 / k);
}

/** Box mean over kh×kw windows (no padding), separably: kh + kw taps, not kh·kw. */
export function boxMean(b: B, x: string, kh: number, kw: number): string {
  return windowMean(b, windowMean(b, x, 3, kw), 2, kh);
}

/**
 * Generalised Kuwahara filter (Papari et al. 2007) with eight overlapping sectors of radius r:
 * the four (r+1)² quadrants and the four half-planes. A half-plane is the union of two adjacent
 * quadrants (sharing the centre row or column), so its L and L² means are the average of theirs
 * and its colour mean contributes half its weight to each quadrant's mean. Everything then comes
 * from ONE box mean of the edge-padded [RGB, L, L²] stack, and the final mix is over four colour
 * means instead of eight (the centre line counts twice in a half-plane: invisible, and it halves
 * the filter's time at 512²).
 * Sector weights are σ_i^−q / Σσ^−q (= softmax(−q·log σ_i)), with σ floored at 0.004: 0.004^−12 ≈ 6e28,
 * so the catalog's q ≤ 12 stays finite in float32 even summed over eight sectors and three channels
 * (a larger q would need the max-subtracted softmax form; ORT's Softmax on a non-last axis
 * transposes the whole tensor, which was half this filter's time).
 */
export function kuwahara(b: B, x: string, r: number, q: string): string {
  const l = luminance(b, x);
  const big = 1 << 30;
  // Quadrant means ending at the pixel (top-left), then top-right, bottom-left, bottom-right,
  // stacked on the batch axis: [4,C,H,W]. RGB, L and L² are pooled apart so nothing is split later.
  const quads = (t: string) => {
    const pooled = boxMean(b, padEdge(b, t, r, r), r + 1, r + 1); // [1,C,H+r,W+r]
    const at = (y0: number, x0: number) =>
      b.op1('Slice', [pooled, b.i64('s', [y0, x0]), b.i64('e', [y0 === 0 ? -r : big, x0 === 0 ? -r : big]), b.i64('ax', [2, 3])]);
    return b.op1('Concat', [at(0, 0), at(0, r), at(r, 0), at(r, r)], { axis: 0 });
  };
  // Sector rows 0..3 = quadrants, 4..7 = top, bottom, left, right half-planes.
  const toSectors = [
    [1, 0, 0, 0, 0.5, 0, 0.5, 0],
    [0, 1, 0, 0, 0.5, 0, 0, 0.5],
    [0, 0, 1, 0, 0, 0.5, 0.5, 0],
    [0, 0, 0, 1, 0, 0.5, 0, 0.5],
  ];
  const transposed = toSectors[0]!.flatMap((_, j) => toSectors.map((row) => row[j]!));
  // [n,1,H,W] ← matrix [n,4] · [4,1,H,W], the batch axis mixed by one MatMul over flat planes.
  const mix = (matrix: string, n: number, t: string) => {
    const hw = b.op1('Slice', [b.op1('Shape', [t]), b.i64('s', [1]), b.i64('e', [4])]);
    const flat = b.op1('Reshape', [t, b.i64('shape', [0, -1])]);
    return b.op1('Reshape', [b.op1('MatMul', [matrix, flat]), b.op1('Concat', [b.i64('n', [n]), hw], { axis: 0 })]);
  };
  const toSec = b.f32('tosec', transposed, [8, 4]);
  const ml = mix(toSec, 8, quads(l));
  const ml2 = mix(toSec, 8, quads(mul(b, l, l)));
  const sigma = add(b, b.op1('Sqrt', [b.op1('Relu', [sub(b, ml2, mul(b, ml, ml))])]), scalar(b, 0.004)); // [8,1,H,W]
  const e = b.op1('Exp', [mul(b, b.op1('Log', [sigma]), b.op1('Neg', [q]))]); // ORT's Pow is 3× slower
  // Each quadrant's colour mean carries its own weight plus half of each half-plane it is in.
  const w4 = mix(b.f32('toquad', toSectors.flat(), [4, 8]), 4, e);
  const num = b.op1('ReduceSum', [mul(b, quads(x), w4), b.i64('ax', [0])], { keepdims: 1 });
  return div(b, num, b.op1('ReduceSum', [e, b.i64('ax', [0])], { keepdims: 1 }));
}

/** Pixel coordinates as broadcastable float tensors: xx [1,1,1,W], yy [1,1,H,1]. */
export function coords(b: B, x: string): { xx: string; yy: string } {
  const shape = b.op1('Shape', [x]);
  const axis = (i: number, dims: number[]) => {
    const n = b.op1('Gather', [shape, b.i64('i', [i], [])], { axis: 0 });
    const r = b.op1('Range', [b.i64('z', [0], []), n, b.i64('one', [1], [])]);
    return b.op1('Reshape', [b.op1('Cast', [r], { to: 1 }), b.i64('shape', dims)]);
  };
  return { xx: axis(3, [1, 1, 1, -1]), yy: axis(2, [1, 1, -1, 1]) };
}

/**
 * A periodic noise tile, zero mean and unit standard deviation: white noise smoothed by a
 * wrap-around box filter of (sx, sy) taps — isotropic for paper grain, long in one axis for
 * pencil or brush streaks. Wrapping keeps the tile seamless when tiled across the image.
 */
export function noiseTile(seed: number, size: number, sx: number, sy: number, diagonal = false): Float32Array {
  const rnd = uniformRng(seed);
  const white = Float32Array.from({ length: size * size }, () => rnd() - 0.5);
  const out = new Float32Array(size * size);
  const at = (x: number, y: number) => white[(((y % size) + size) % size) * size + (((x % size) + size) % size)]!;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let s = 0;
      for (let j = -sy; j <= sy; j++) for (let i = -sx; i <= sx; i++) s += diagonal ? at(x + i + j, y + j) : at(x + i, y + j);
      out[y * size + x] = s;
    }
  }
  const mean = out.reduce((a, c) => a + c, 0) / out.length;
  const sd = Math.sqrt(out.reduce((a, c) => a + (c - mean) ** 2, 0) / out.length);
  return out.map((v) => (v - mean) / sd);
}

/** Tiles a [1,1,T,T] texture initializer over the H×W of x (Tile, then Slice to size). */
export function texture(b: B, x: string, tile: Float32Array, size: number): string {
  const t = b.init('tex', { dtype: 'float32', dims: [1, 1, size, size], data: tile });
  const shape = b.op1('Shape', [x]);
  const hw = b.op1('Slice', [shape, b.i64('s', [2]), b.i64('e', [4])]);
  const reps = b.op1('Div', [add(b, hw, b.i64('c', [size - 1])), b.i64('c', [size])]);
  const tiled = b.op1('Tile', [t, b.op1('Concat', [b.i64('c', [1, 1]), reps], { axis: 0 })]);
  return b.op1('Slice', [tiled, b.i64('s', [0, 0]), hw, b.i64('ax', [2, 3])]);
}

/**
 * The controls shared by every style graph, applied last:
 * - preserve colour (luminance-only transfer): the styled luminance with the input's chroma,
 *   y' = y + p·((x − L(x) + L(y)) − y), p ∈ [0, 1];
 * - region and strength: out = x + s·m·(y' − x), so s = 0 or m = 0 returns x bit for bit.
 */
export function finish(b: B, x: string, styled: string, strength: string, preserve: string, mask: string): string {
  const y = clip01(b, styled);
  const keep = clip01(b, add(b, sub(b, x, luminance(b, x)), luminance(b, y)));
  const yc = lerp(b, y, keep, preserve);
  return clip01(b, lerp(b, x, yc, mul(b, strength, mask)));
}
