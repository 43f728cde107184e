/**
 * Example-based style transfer (paper Eq. 5) as two analytic ONNX graphs. The encoder is a
 * Laplacian pyramid — exact and training-free, so strength 0 decodes back to the input — and
 * the pyramid alone would only be a colour grade, so each coarse level also gets a nearest-patch
 * style swap (Chen & Schmidt 2016) against the artwork's patch bank. See README.md.
 *
 *  style-embed:   artwork → per-band statistics + Gaussian levels 0..3 (patches are sampled from
 *                 these by electron/services/style/embedding.ts).
 *  style-example: photo × embedding → styled photo, coarse to fine:
 *     R3 = swapmix(AdaIN(G3)),  R_k = swapmix(up(R_k+1) + AdaIN(B_k)) for k = 2, 1,
 *     out = swapmix(up(R1) + detail·AdaIN(B0)),   swapmix(X) = X + a·w·(swap(X) − X).
 * The finest swap (mixed at 75 %) carries pen-sized marks (hatching); the coarser ones carry the
 * artwork's shapes and palette. The content bands added at every level are the structure term.
 * A face weight input (`structure`) keeps the photo's faces readable (FACE_SWAP and structure()).
 * AdaIN targets are interpolated by the strength a (μ_t = μ_c + a(μ_s − μ_c), same for σ), so
 * strength acts in feature space and a = 0 reproduces the input.
 */
import { GraphBuilder } from '../../onnx/builder.js';
import { EXAMPLE_LEVELS, EXAMPLE_PARAMS, EXAMPLE_PATCH } from '../../../common/style/catalog.js';
import { add, clip01, finish, lerp, luminance, mul, padEdge, param, scalar, sub, type B } from './ops.js';

/** Gaussian levels below full resolution: bands B0..B2 plus the base G3. */
const LEVELS = EXAMPLE_LEVELS;
const PATCH = EXAMPLE_PATCH;
/**
 * Patch-matching stride per level 0..3 (see swap()): stride 2 on the three finer levels cut the
 * 512² render from 320 to 85 ms (one thread) with the acceptance measures unchanged or better
 * (README.md); the coarsest level is tiny and keeps stride 1.
 */
const SWAP_STRIDE: ReadonlyArray<1 | 2> = [2, 2, 2, 1];

const BINOMIAL = [1, 4, 6, 4, 1].map((v) => v / 16);

/** Blur with the 5×5 binomial kernel and keep every second pixel: ceil(H/2) × ceil(W/2). */
function down(b: B, x: string): string {
  const k = Float32Array.from({ length: 3 * 25 }, (_, i) => BINOMIAL[Math.floor((i % 25) / 5)]! * BINOMIAL[i % 5]!);
  const w = b.init('binom', { dtype: 'float32', dims: [3, 1, 5, 5], data: k });
  return b.op1('Conv', [padEdge(b, x, 2, 2), w], { group: 3, strides: [2, 2] });
}

/** Bilinear upsampling to the size of `like` (odd sizes included). */
function up(b: B, x: string, like: string): string {
  return b.op1('Resize', [x, '', '', b.op1('Shape', [like])], { mode: 'linear', coordinate_transformation_mode: 'half_pixel' });
}

/** A one-channel [1,1,H,W] map resized bilinearly to the H×W of `like` (any channel count). */
function resizeTo(b: B, map: string, like: string): string {
  const size = b.op1('Concat', [b.i64('c', [1, 1]), b.op1('Slice', [b.op1('Shape', [like]), b.i64('s', [2]), b.i64('e', [4])])], { axis: 0 });
  return b.op1('Resize', [map, '', '', size], { mode: 'linear', coordinate_transformation_mode: 'half_pixel' });
}

function pyramid(b: B, x: string): { g: string[]; bands: string[] } {
  const g = [x];
  for (let i = 0; i < LEVELS; i++) g.push(down(b, g[i]!));
  const bands = g.slice(0, LEVELS).map((gi, i) => sub(b, gi, up(b, g[i + 1]!, gi)));
  return { g, bands };
}

/** Per-channel mean and standard deviation as [1,3,1,1] tensors. */
function moments(b: B, t: string): { mean: string; std: string } {
  const mean = b.op1('ReduceMean', [t], { axes: [0, 2, 3], keepdims: 1 });
  const d = sub(b, t, mean);
  const std = b.op1('Sqrt', [add(b, b.op1('ReduceMean', [mul(b, d, d)], { axes: [0, 2, 3], keepdims: 1 }), scalar(b, 1e-8))]);
  return { mean, std };
}

/** Paper Eq. 5 with targets interpolated by strength a: IN(c, s) = σ_t(c − μ_c)/σ_c + μ_t. */
function adain(b: B, c: string, styleStats: string, level: number, a: string): string {
  const { mean, std } = moments(b, c);
  const pick = (j: number) =>
    b.op1('Reshape', [b.op1('Gather', [b.op1('Gather', [styleStats, b.i64('i', [level], [])], { axis: 0 }), b.i64('j', [j], [])], { axis: 0 }), b.i64('shape', [1, 3, 1, 1])]);
  const mt = lerp(b, mean, pick(0), a);
  const st = lerp(b, std, pick(1), a);
  return add(b, mul(b, sub(b, c, mean), div(b, st, std)), mt);
}
const div = (b: B, x: string, y: string) => b.op1('Div', [x, y]);

/**
 * Nearest-patch style swap: a 5×5 neighbourhood c is matched to the bank patch p minimising
 * ‖c − p‖², i.e. maximising c·p − ‖p‖²/2 — one Conv whose filters are the bank and whose bias is
 * −‖p‖²/2 — then ArgMax over the bank, and each winning raw patch is pasted back with overlaps
 * averaged. (Chen & Schmidt normalise the patches instead; in pixel space that throws away the
 * brightness a patch carries and washes faces out — README.md.)
 * Matching runs on every `stride`-th pixel (Chen & Schmidt's stride): at stride 2 each pixel is
 * still covered by 4–9 pasted patches, for a quarter of the matching cost. The paste is a Gather
 * of the winners from the bank laid out [3·5·5, N] (so they arrive as planes, no Transpose) and a
 * ConvTranspose with one-hot 5×5 kernels (each of the 75 planes lands on its pixel offset), which
 * is the overlap-add of the patches; dividing by the same ConvTranspose of ones averages them.
 */
function swap(b: B, x: string, bank: string, stride: 1 | 2): string {
  const k = PATCH;
  const r = (k - 1) / 2;
  const halfSq = mul(b, b.op1('ReduceSum', [mul(b, bank, bank), b.i64('ax', [1, 2, 3])], { keepdims: 0 }), scalar(b, -0.5));
  const corr = b.op1('Conv', [padEdge(b, x, r, r), bank, halfSq], { strides: [stride, stride] }); // [1, N, ⌈h/s⌉, ⌈w/s⌉]
  const best = b.op1('Reshape', [b.op1('ArgMax', [corr], { axis: 1, keepdims: 0 }), b.i64('shape', [-1])]);
  const planes = b.op1('Transpose', [b.op1('Reshape', [bank, b.i64('shape', [0, -1])])], { perm: [1, 0] }); // [3·k·k, N], small
  const grid = b.op1('Slice', [b.op1('Shape', [corr]), b.i64('s', [2]), b.i64('e', [4])]);
  const cols = b.op1('Reshape', [b.op1('Gather', [planes, best], { axis: 1 }), b.op1('Concat', [b.i64('c', [1, 3 * k * k]), grid], { axis: 0 })]);
  const oneHot = new Float32Array(3 * k * k * k * k);
  for (let i = 0; i < 3 * k * k; i++) oneHot[i * k * k + (i % (k * k))] = 1; // plane (c, dy, dx) → offset (dy, dx)
  const w = b.init('paste', { dtype: 'float32', dims: [3 * k * k, 1, k, k], data: oneHot });
  const pasted = b.op1('ConvTranspose', [cols, w], { group: 3, strides: [stride, stride] }); // patch centres at s·i + r
  const ones = b.op1('Expand', [b.f32('one', [1], [1, 1, 1, 1]), b.op1('Concat', [b.i64('c', [1, 1]), grid], { axis: 0 })]);
  const count = b.op1('ConvTranspose', [ones, b.f32('box', new Array(k * k).fill(1), [1, 1, k, k])], { strides: [stride, stride] });
  const hw = b.op1('Slice', [b.op1('Shape', [x]), b.i64('s', [2]), b.i64('e', [4])]);
  const crop = (t: string) => b.op1('Slice', [t, b.i64('s', [r, r]), add(b, hw, b.i64('c', [r, r])), b.i64('ax', [2, 3])]);
  return div(b, crop(pasted), crop(count));
}

/** Luminance floor of the structure term: the output keeps at least this share of the photo's contrast. */
const CONTRAST_FLOOR = 0.8;
/** Mean luminance the structure term allows: a very dark or pale artwork still leaves a readable face. */
const MEAN_RANGE = [0.3, 0.7] as const;
/**
 * Peak weight of the photo's own luminance, reached by flat artworks (see structure()). 0.8 kept
 * 4 more faces of the 72 artwork × photo pairs, but pulled the poster's statistics back away from
 * it between strength 0.75 and 1 (the acceptance wants them to approach monotonically).
 */
const STRUCTURE_PULL = 0.4;

/** Mean and standard deviation of a one-channel tensor over the image, [1,1,1,1] each. */
function moments1(b: B, t: string): { mean: string; std: string } {
  const mean = b.op1('ReduceMean', [t], { keepdims: 1 });
  const d = sub(b, t, mean);
  return { mean, std: b.op1('Sqrt', [add(b, b.op1('ReduceMean', [mul(b, d, d)], { keepdims: 1 }), scalar(b, 1e-6))]) };
}

/**
 * Inside the faces (the `structure` input, 1 on a face: electron/services/style/face-weight.ts) the
 * style keeps more of the photo, the way an illustrator keeps a face legible in a heavily textured
 * painting: the patch swaps are mixed at FACE_SWAP of their strength, the structure term applies
 * at full weight with the photo shading at FACE_PULL, and FACE_CHROMA of the photo's chroma comes
 * back. Measured on the 72 artwork × photo pairs (README.md): the chroma is what the detector needs
 * most (without it 9 pairs stay lost: sample3's blue-lit face and sample1's bright one under a
 * foreign palette); with chroma alone at 0.5, 2 are lost; these values lose none.
 */
const FACE_SWAP = 0.3;
const FACE_PULL = 0.8;
const FACE_CHROMA = 0.5;

/**
 * The content-structure term, on luminance (the artwork's colours stay, except in faces), applied
 * with weight a·w: a the strength (a = 0 still returns the input exactly) and w = clamp(1.2 − ρ/2,
 * 0, 1), with ρ = (σ_B0 + σ_B1)/(σ_B2 + σ_G3) the artwork's fine-to-coarse band energy from its
 * embedding. A textured artwork (the hatching, ρ ≈ 2.4) carries tone in the density of its own
 * marks and gets w ≈ 0; a flat one (the four-colour poster, ρ ≈ 0.3; the paintings 0.4–1.25) would
 * otherwise posterise the face, which the photo-trained detector no longer finds.
 *  1. tone range: the styled luminance is rescaled to mean clamp(μ_y, MEAN_RANGE) and spread
 *     max(σ_y, CONTRAST_FLOOR·σ_photo): matching a pale or dark artwork's statistics otherwise
 *     squeezed the faces into a few grey levels (Kirchner, Kandinsky);
 *  2. photo shading: the photo's own luminance, normalised to that mean and spread (lowered until
 *     the photo's extremes fit in 0.02..0.98, so a bright face on a dark ground — demo sample1 —
 *     is not clipped flat white), is mixed in at STRUCTURE_PULL.
 * On a face (weight f) w rises to 1, the shading to FACE_PULL and the photo's chroma comes back at
 * a·f·FACE_CHROMA; f = 0 leaves the term as above, bit for bit.
 */
function structure(b: B, x: string, y: string, styleStats: string, a: string, face: string): string {
  const lx = luminance(b, x);
  const ly = luminance(b, y);
  const mx = moments1(b, lx);
  const my = moments1(b, ly);
  const z = div(b, sub(b, lx, mx.mean), mx.std);
  const mean = b.op1('Clip', [my.mean, b.f32('lo', [MEAN_RANGE[0]], []), b.f32('hi', [MEAN_RANGE[1]], [])]);
  const spread = b.op1('Max', [my.std, mul(b, mx.std, scalar(b, CONTRAST_FLOOR))]);
  const room = b.op1('Min', [
    div(b, sub(b, scalar(b, 0.98), mean), b.op1('ReduceMax', [z], { keepdims: 1 })),
    div(b, sub(b, mean, scalar(b, 0.02)), b.op1('Neg', [b.op1('ReduceMin', [z], { keepdims: 1 })])),
  ]);
  const sd = b.op1('Min', [spread, room]);
  const rescaled = add(b, mul(b, div(b, sub(b, ly, my.mean), my.std), spread), mean);
  const photo = add(b, mul(b, z, sd), mean);
  // Band spreads averaged over RGB: style_stats[level, 1, :].
  const spreadOf = (level: number) => b.op1('ReduceMean', [b.op1('Slice', [styleStats, b.i64('s', [level, 1]), b.i64('e', [level + 1, 2]), b.i64('ax', [0, 1])])], { keepdims: 0 });
  const rho = div(b, add(b, spreadOf(0), spreadOf(1)), add(b, add(b, spreadOf(2), spreadOf(LEVELS)), scalar(b, 1e-6)));
  const flat = clip01(b, sub(b, scalar(b, 1.2), mul(b, rho, scalar(b, 0.5))));
  const w = lerp(b, flat, scalar(b, 1), face);
  const pull = lerp(b, mul(b, flat, scalar(b, STRUCTURE_PULL)), scalar(b, FACE_PULL), face);
  const target = lerp(b, rescaled, photo, pull);
  const toned = add(b, y, mul(b, sub(b, target, ly), mul(b, a, w)));
  const photoChroma = add(b, sub(b, x, lx), luminance(b, toned));
  return lerp(b, toned, photoChroma, mul(b, a, mul(b, face, scalar(b, FACE_CHROMA))));
}

/** Statistics tensor layout: [LEVELS + 1, 2, 3] = (B0, B1, B2, G3) × (mean, std) × RGB. */
function statsOf(b: B, x: string): string {
  const { g, bands } = pyramid(b, x);
  const rows = [...bands, g[LEVELS]!].map((t) => {
    const { mean, std } = moments(b, t);
    return b.op1('Reshape', [b.op1('Concat', [mean, std], { axis: 0 }), b.i64('shape', [1, 2, 3])]);
  });
  return b.op1('Concat', rows, { axis: 0 });
}

export function buildEmbedGraph(): Uint8Array {
  const b = new GraphBuilder('style-embed');
  const x = b.input('image', 'float32', [1, 3, 'H', 'W']);
  b.op1('Identity', [statsOf(b, x)], {}, 'stats');
  b.output('stats', 'float32', [LEVELS + 1, 2, 3]);
  const { g } = pyramid(b, x);
  for (let i = 0; i <= LEVELS; i++) {
    b.op1('Identity', [g[i]!], {}, `g${i}`);
    b.output(`g${i}`, 'float32', [1, 3, `H${i}`, `W${i}`]);
  }
  return b.toBytes('Artwork analysis for example-based style: Laplacian-pyramid band statistics and Gaussian levels 0..3.');
}

export function buildExampleGraph(): Uint8Array {
  const b = new GraphBuilder('style-example');
  const x = b.input('image', 'float32', [1, 3, 'H', 'W']);
  const styleStats = b.input('style_stats', 'float32', [LEVELS + 1, 2, 3]);
  const banks = Array.from({ length: LEVELS + 1 }, (_, i) => b.input(`bank${i}`, 'float32', [`N${i}`, 3, PATCH, PATCH]));
  const params = b.input('params', 'float32', [EXAMPLE_PARAMS.length]);
  const a = b.input('strength', 'float32', [1]);
  const preserve = b.input('preserve_color', 'float32', [1]);
  const mask = b.input('mask', 'float32', [1, 1, 'H', 'W']);
  // Face weight 0..1 (zeros: the style as on any image); see FACE_SWAP.
  const face = b.input('structure', 'float32', [1, 1, 'H', 'W']);
  const mix = mul(b, a, param(b, params, 0));
  const detail = param(b, params, 1);
  const { g, bands } = pyramid(b, x);
  // The finest swap is mixed at 75 %: full replacement at pixel scale erases the eyes' and
  // mouth's own edges, and the structure term must keep the face readable. On faces the mix is
  // lowered to FACE_SWAP of that (the face weight resized to each level: it is smooth, so plain
  // bilinear sampling is enough).
  const faceSwap = lerp(b, scalar(b, 1), scalar(b, FACE_SWAP), face);
  const swapmix = (t: string, level: number) => {
    const m = mul(b, level === 0 ? mul(b, mix, scalar(b, 0.75)) : mix, level === 0 ? faceSwap : resizeTo(b, faceSwap, t));
    return lerp(b, t, swap(b, t, banks[level]!, SWAP_STRIDE[level]!), m);
  };
  let r = swapmix(adain(b, g[LEVELS]!, styleStats, LEVELS, a), LEVELS);
  for (let k = LEVELS - 1; k >= 1; k--) r = swapmix(add(b, up(b, r, g[k]!), adain(b, bands[k]!, styleStats, k, a)), k);
  // Detail 1 at strength 0 keeps the exact reconstruction; lowering it only makes sense styled.
  const fine = mul(b, adain(b, bands[0]!, styleStats, 0, a), lerp(b, scalar(b, 1), detail, a));
  const out = structure(b, x, swapmix(add(b, up(b, r, x), fine), 0), styleStats, a, face);
  b.op1('Identity', [finish(b, x, clip01(b, out), scalar(b, 1), preserve, mask)], {}, 'styled');
  b.output('styled', 'float32', [1, 3, 'H', 'W']);
  return b.toBytes('Example-based style: Laplacian-pyramid AdaIN (paper Eq. 5) with coarse-to-fine nearest-patch style swap.');
}
