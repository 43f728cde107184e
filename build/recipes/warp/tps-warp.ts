/**
 * Recipe: native-models/warp-tps.onnx — the dense thin-plate-spline warp (no weights).
 *
 * Inputs (the spline is fitted in TypeScript, electron/services/warp/tps.ts, in coordinates
 * divided by the image's longer side; see README.md for why):
 *   image   uint8 [1, H, W, C]  interleaved channels (RGB, or RGBA where the head layer
 *                               carries its mask as alpha, see warp/head-layer.ts), ≥ 2×2
 *   centers float [N, 2]        control points (where landmarks and border anchors land)
 *   weights float [N, 2]        kernel weights wᵢ
 *   affine  float [3, 2]        rows a₀, a₁, a₂ of the affine part
 *   probes  float [K, 2]        points where det J is wanted (K may be 0)
 * Outputs:
 *   warped    uint8 [1, H, W, C]
 *   jacobian  float [K]         det J of the spline at the probes: the fold screen
 *                               (electron/services/warp/folds.ts) comes with the warp, ~0.3 ms
 *                               here instead of ~1.5 ms of float64 kernel sums in TypeScript
 *
 * The spline is evaluated on a coarse grid of nodes (stride max(8, ⌈(L−1)/128⌉) px for a longer
 * side L) and upsampled bilinearly with Resize(align_corners), which puts the nodes exactly on
 * pixel positions j·(W−1)/(gw−1). A TPS is smooth away from its centres, so the upsampling error
 * stays far below a pixel while the N-kernel evaluation shrinks by the stride squared. Bilinear
 * sampling with border clamping (GridSample's semantics) then reads the source pixels.
 */
import { GraphBuilder } from '../../onnx/builder.js';
import { WARP_MODEL } from '../../../electron/services/warp/engine.js';
import { writeModel } from '../manifest.js';

export function buildTpsWarp(): Uint8Array {
  const g = new GraphBuilder('warp_tps');
  const image = g.input('image', 'uint8', [1, 'H', 'W', 'C']);
  const centers = g.input('centers', 'float32', ['N', 2]);
  const weights = g.input('weights', 'float32', ['N', 2]);
  const affine = g.input('affine', 'float32', [3, 2]);
  const probes = g.input('probes', 'float32', ['K', 2]);

  const c = (v: number) => g.f32('c', [v], []);
  const shape = g.op1('Shape', [image]);
  const dimI = (i: number) => g.op1('Gather', [shape, g.i64('idx', [i])], { axis: 0 }); // [1] int64
  const hI = dimI(1);
  const wI = dimI(2);
  const cI = dimI(3);
  const wI32 = g.op1('Cast', [wI], { to: 6 });
  const hF = g.op1('Cast', [hI], { to: 1 });
  const wF = g.op1('Cast', [wI], { to: 1 });
  const norm = g.op1('Max', [hF, wF]);
  const one = c(1);
  const stride = g.op1('Max', [c(8), g.op1('Ceil', [g.op1('Div', [g.op1('Sub', [norm, one]), c(128)])])]);

  // Node count along an axis of length L: ⌈(L−1)/stride⌉ + 1, at least 2 so Resize has a span.
  const nodes = (lenF: string) => {
    const span = g.op1('Sub', [lenF, one]);
    const n = g.op1('Max', [c(2), g.op1('Add', [g.op1('Ceil', [g.op1('Div', [span, stride])]), one])]);
    // Node j sits at pixel j·(L−1)/(n−1); divided by norm for the spline's coordinates.
    const idx = g.op1('Range', [c(0), g.op1('Squeeze', [n]), c(1)]);
    const step = g.op1('Div', [g.op1('Div', [span, g.op1('Sub', [n, one])]), norm]);
    return { n: g.op1('Cast', [n], { to: 7 }), coords: g.op1('Mul', [idx, step]) };
  };
  const gx = nodes(wF);
  const gy = nodes(hF);
  const gridHW = g.op1('Concat', [gy.n, gx.n], { axis: 0 });
  const col = g.i64('shape', [-1, 1]);
  const px = g.op1('Reshape', [g.op1('Expand', [g.op1('Unsqueeze', [gx.coords, g.i64('ax', [0])]), gridHW]), col]); // [M,1]
  const py = g.op1('Reshape', [g.op1('Expand', [g.op1('Unsqueeze', [gy.coords, g.i64('ax', [1])]), gridHW]), col]);

  const ct = g.op1('Transpose', [centers], { perm: [1, 0] }); // [2, N]
  const row = (t: string, i: number) => g.op1('Slice', [t, g.i64('s', [i]), g.i64('e', [i + 1]), g.i64('a', [0])]);
  const cx = row(ct, 0);
  const cy = row(ct, 1);
  const sq = (t: string) => g.op1('Mul', [t, t]);

  // r² on the grid: the nodes form a product grid, so (x − cx)² depends only on the column and
  // (y − cy)² only on the row; both are [g, N] and one broadcast Add spans [gh, gw, N] — the same
  // float32 values as differencing every node, with four full-size ops fewer.
  // The 1e-30 added to the small column term keeps log r² finite where a node sits on a centre
  // (U = −7e-29 there instead of 0) and is below float32's resolution of any other r².
  const along = (coords: string, cxy: string) => sq(g.op1('Sub', [g.op1('Unsqueeze', [coords, g.i64('ax', [1])]), cxy])); // [g, N]
  const dy2 = g.op1('Unsqueeze', [along(gy.coords, cy), g.i64('ax', [1])]); // [gh, 1, N]
  const dx2 = g.op1('Unsqueeze', [g.op1('Add', [along(gx.coords, cx), c(1e-30)]), g.i64('ax', [0])]); // [1, gw, N]
  const r2 = g.op1('Reshape', [g.op1('Add', [dy2, dx2]), g.op1('Concat', [g.i64('shape', [-1]), g.op1('Shape', [centers], { end: 1 })], { axis: 0 })]); // [M, N]

  // f(p) = Σ wᵢ·U + a₀ + x·a₁ + y·a₂ with U = r²·log r²  → [M, 2] source positions (normalised).
  const u = g.op1('Mul', [r2, g.op1('Log', [r2])]);
  const src = g.op1('Add', [
    g.op1('Add', [g.op1('MatMul', [u, weights]), row(affine, 0)]),
    g.op1('Add', [g.op1('Mul', [px, row(affine, 1)]), g.op1('Mul', [py, row(affine, 2)])]),
  ]);

  // det J at the probes: ∂U/∂x = 2·dx·(log r² + 1), likewise for y (tps.ts, jacobianDet).
  const slice1 = (t: string, i: number) => g.op1('Slice', [t, g.i64('s', [i]), g.i64('e', [i + 1]), g.i64('a', [1])]);
  const pdx = g.op1('Sub', [slice1(probes, 0), cx]); // [K, N]
  const pdy = g.op1('Sub', [slice1(probes, 1), cy]);
  // Max() keeps log r² finite at a centre, where the gradient tends to 0 (dx = dy = 0 there).
  const grad = g.op1('Add', [g.op1('Log', [g.op1('Max', [g.op1('Add', [sq(pdx), sq(pdy)]), c(1e-30)])]), one]);
  const w2 = g.op1('Add', [weights, weights]);
  const dX = g.op1('Add', [g.op1('MatMul', [g.op1('Mul', [pdx, grad]), w2]), row(affine, 1)]); // [K, 2]: ∂f/∂x
  const dY = g.op1('Add', [g.op1('MatMul', [g.op1('Mul', [pdy, grad]), w2]), row(affine, 2)]); // [K, 2]: ∂f/∂y
  const det = g.op1('Sub', [g.op1('Mul', [slice1(dX, 0), slice1(dY, 1)]), g.op1('Mul', [slice1(dY, 0), slice1(dX, 1)])]);
  g.op1('Reshape', [det, g.i64('shape', [-1])], {}, 'jacobian');

  // Source positions in pixels on the coarse nodes, then upsampled to every output pixel.
  const coarse = g.op1('Reshape', [
    g.op1('Transpose', [g.op1('Mul', [src, norm])], { perm: [1, 0] }),
    g.op1('Concat', [g.i64('shape', [1, 2]), gridHW], { axis: 0 }),
  ]); // [1, 2, gh, gw]
  const dense = g.op1('Resize', [coarse, '', '', g.op1('Concat', [g.i64('shape', [1, 2]), hI, wI], { axis: 0 })], {
    mode: 'linear',
    coordinate_transformation_mode: 'align_corners',
  }); // [1, 2, H, W]
  const flatAll = g.i64('shape', [-1]);
  const channel = (i: number) => g.op1('Reshape', [g.op1('Slice', [dense, g.i64('s', [i]), g.i64('e', [i + 1]), g.i64('a', [1])]), flatAll]);

  // Bilinear sampling by hand on the interleaved image: ORT's GridSample wants NCHW (two
  // full-image transposes) and recomputes the weights per channel, ~2× slower in total. Row
  // gathers of 3 bytes are cheap; the fractions are expanded to [H·W, 3] once so every later op
  // is same-shape (ORT's fast path; a [P,1]×[P,3] broadcast is several times slower). Clamping
  // to the image is GridSample's "border" padding; the lower corner is clamped to L−2 so its
  // right/bottom neighbour exists (the model needs L ≥ 2) and the fraction reaches 1 on the
  // last pixel.
  const scalar = (t: string) => g.op1('Squeeze', [t]);
  // [1, C] of ones: the fractions' row expansion for any channel count.
  const ones = g.op1('Expand', [g.f32('ones', [1], [1, 1]), g.op1('Concat', [g.i64('shape', [1]), cI], { axis: 0 })]);
  const axis = (s: string, lenF: string) => {
    // i0 = ⌊clip(s, 0, L−2)⌋ and t = clip(s − i0, 0, 1) give the same corner and fraction as
    // clamping s to [0, L−1] first, with one full-size op fewer.
    const i0 = g.op1('Floor', [g.op1('Clip', [s, scalar(c(0)), scalar(g.op1('Sub', [lenF, c(2)]))])]);
    const t = g.op1('Clip', [g.op1('Sub', [s, i0]), scalar(c(0)), scalar(one)]);
    const frac = g.op1('MatMul', [g.op1('Unsqueeze', [t, g.i64('ax', [1])]), ones]);
    return { i0: g.op1('Cast', [i0], { to: 6 }), frac };
  };
  const ax = axis(channel(0), wF);
  const ay = axis(channel(1), hF);
  // Flat pixel indices in int32 (half the bytes of int64; exact up to 2³¹, far past the 100 MP
  // input limit), not float32, whose exact integers end at 16.7 MP.
  const i00 = g.op1('Add', [g.op1('Mul', [ay.i0, wI32]), ax.i0]);
  const i10 = g.op1('Add', [i00, wI32]);
  const oneI = g.op1('Cast', [g.i64('one', [1])], { to: 6 });
  // One cast of the whole image beats casting each of the four gathered copies.
  const flat = g.op1('Cast', [g.op1('Reshape', [image, g.op1('Concat', [g.i64('shape', [-1]), cI], { axis: 0 })])], { to: 1 }); // [H·W, 3]
  const pick = (idx: string) => g.op1('Gather', [flat, idx], { axis: 0 });
  const lerp = (a: string, b: string, t: string) => g.op1('Add', [a, g.op1('Mul', [t, g.op1('Sub', [b, a])])]);
  const top = lerp(pick(i00), pick(g.op1('Add', [i00, oneI])), ax.frac);
  const bottom = lerp(pick(i10), pick(g.op1('Add', [i10, oneI])), ax.frac);
  // Bilinear weights are convex, so values stay in [0, 255]: rounding is the only step needed.
  // Reshaped before the last cast: a Reshape of an intermediate is a view, one that produces the
  // graph output is a copy.
  const outShape = g.op1('Concat', [g.i64('shape', [1]), hI, wI, cI], { axis: 0 });
  g.op1('Cast', [g.op1('Round', [g.op1('Reshape', [lerp(top, bottom, ay.frac), outShape])])], { to: 2 }, 'warped');
  g.output('warped', 'uint8', [1, 'H', 'W', 'C']);
  g.output('jacobian', 'float32', ['K']);
  return g.toBytes('Thin-plate spline backward warp: coarse TPS grid, bilinear upsampling, bilinear sampling; det J at probe points.');
}

export async function buildWarpModels(): Promise<void> {
  await writeModel({
    name: WARP_MODEL,
    file: 'warp-tps.onnx',
    description: 'Dense thin-plate-spline warp with border anchors (coarse grid + Resize + bilinear gather), dynamic image size and channel count; det J at probe points for the fold screen.',
    inputs: [
      { name: 'image', type: 'uint8', shape: [1, 'H', 'W', 'C'] },
      { name: 'centers', type: 'float32', shape: ['N', 2] },
      { name: 'weights', type: 'float32', shape: ['N', 2] },
      { name: 'affine', type: 'float32', shape: [3, 2] },
      { name: 'probes', type: 'float32', shape: ['K', 2] },
    ],
    outputs: [
      { name: 'warped', type: 'uint8', shape: [1, 'H', 'W', 'C'] },
      { name: 'jacobian', type: 'float32', shape: ['K'] },
    ],
    data: buildTpsWarp(),
    licence: 'MIT',
    commercialUse: true,
    provenance: {
      recipe: 'build/recipes/warp/tps-warp.ts',
      source: 'analytic (no weights): Bookstein thin-plate spline evaluated on a grid, bilinear sampling',
      licence: 'MIT',
    },
  });
}
