import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyAffine, canonicalTransform, invertAffine } from '../../common/face68/align.js';
import { exaggerate } from '../../common/warp/exaggerate.js';
import { heldModes, posedMeanShape, SHAPE_MODEL } from '../../common/warp/shape-model.js';
import { MEAN_FACE, MEAN_FACE_PROVENANCE } from '../../common/face68/mean-face.js';
import { SLIDERS, SLIDER_NAMES, applySliders } from '../../common/warp/sliders.js';
import { mirrorShape, mirroredDrag, symmetrise } from '../../common/face68/symmetry.js';
import { canonicalOffsets, composeCanonical, composeTarget, moveTogether } from '../../common/warp/compose.js';
import { MIRROR, REGIONS, REGION_OF } from '../../common/face68/regions.js';
import { centroid, type Point } from '../../common/geometry.js';

const close = (a: readonly Point[], b: readonly Point[], tol: number) => a.every((p, i) => Math.hypot(p[0] - b[i]![0], p[1] - b[i]![1]) <= tol);
const moved = (a: readonly Point[], b: readonly Point[]) => a.flatMap((p, i) => (Math.hypot(p[0] - b[i]![0], p[1] - b[i]![1]) > 1e-9 ? [i] : []));
const SYM = symmetrise(MEAN_FACE);
/** A face in an image: the mean face rotated 12°, scaled ×2.3 and moved, plus a little asymmetry. */
const IMAGE_TO_CANON_SCALE = 2.3;
const FACE: Point[] = MEAN_FACE.map(([x, y], i) => {
  const a = (12 * Math.PI) / 180;
  const dx = (x - 128) * IMAGE_TO_CANON_SCALE + (i % 5) * 0.7;
  const dy = (y - 128) * IMAGE_TO_CANON_SCALE - (i % 3) * 0.9;
  return [600 + dx * Math.cos(a) - dy * Math.sin(a), 400 + dx * Math.sin(a) + dy * Math.cos(a)];
});

test('the committed mean face is a plausible canonical face with its provenance', () => {
  assert.equal(MEAN_FACE.length, 68);
  assert.ok(MEAN_FACE_PROVENANCE.faces >= 85, `${MEAN_FACE_PROVENANCE.faces} faces`);
  // made with the precise (dlib) landmarks, the app's default, whose model the provenance pins
  assert.match(MEAN_FACE_PROVENANCE.detector['dlib-landmarks68'] ?? '', /^[0-9a-f]{64}$/);
  // eye centres sit where the canonical frame puts them (the mean of aligned faces keeps that)
  const l = centroid(MEAN_FACE, [36, 37, 38, 39, 40, 41]);
  const r = centroid(MEAN_FACE, [42, 43, 44, 45, 46, 47]);
  assert.ok(Math.hypot(l[0] - 89.6, l[1] - 97.28) < 1e-3 && Math.hypot(r[0] - 166.4, r[1] - 97.28) < 1e-3);
  // chin below the mouth below the nose tip, all near the axis
  assert.ok(MEAN_FACE[8]![1] > MEAN_FACE[57]![1] && MEAN_FACE[57]![1] > MEAN_FACE[33]![1]);
  assert.ok(Math.abs(MEAN_FACE[33]![0] - 128) < 6);
});

/** The inner lips and inner mouth corners: placed from the others (mouth opening kept, exaggerate.ts). */
const INNER_MOUTH = [60, 61, 62, 63, 64, 65, 66, 67];
const LIDS = [37, 38, 40, 41, 43, 44, 46, 47];

test('exaggerate: k = 1 is the face, k = 0 the posed mean, k = 2 doubles the difference (but not the mouth\'s or the eyes\' opening)', () => {
  assert.ok(close(exaggerate(FACE, 1), FACE, 1e-9));
  const posed = posedMeanShape(FACE);
  const t0 = exaggerate(FACE, 0);
  const t = exaggerate(FACE, 2);
  FACE.forEach((p, i) => {
    if (INNER_MOUTH.includes(i) || LIDS.includes(i)) return;
    const m = posed[i]!;
    assert.ok(Math.hypot(t0[i]![0] - m[0], t0[i]![1] - m[1]) < 1e-9);
    assert.ok(Math.abs(t[i]![0] - (2 * p[0] - m[0])) < 1e-9 && Math.abs(t[i]![1] - (2 * p[1] - m[1])) < 1e-9);
  });
  // the gap between the inner lips is the photo's, and the inner corners keep their offset from the outer ones
  for (const [a, b] of [[62, 66], [61, 67], [63, 65], [60, 48], [64, 54]] as const) {
    assert.ok(Math.hypot(t[a]![0] - t[b]![0] - (FACE[a]![0] - FACE[b]![0]), t[a]![1] - t[b]![1] - (FACE[a]![1] - FACE[b]![1])) < 1e-9, `${a}-${b}`);
  }
  // so is each lid pair's gap, about a midpoint that is exaggerated like every other point
  for (const [a, b] of [[37, 41], [38, 40], [43, 47], [44, 46]] as const) {
    assert.ok(Math.hypot(t[a]![0] - t[b]![0] - (FACE[a]![0] - FACE[b]![0]), t[a]![1] - t[b]![1] - (FACE[a]![1] - FACE[b]![1])) < 1e-9, `${a}-${b}`);
    for (const c of [0, 1] as const) {
      const mid = (q: readonly Point[]) => (q[a]![c] + q[b]![c]) / 2;
      assert.ok(Math.abs(mid(t) - (2 * mid(FACE) - mid(posed))) < 1e-9, `${a}-${b} midpoint`);
    }
  }
});

test('posedMeanShape: the mean turned, tilted or with the mouth open (the held-out modes), moved by any similarity, is its own reference', () => {
  const { mean, modes } = SHAPE_MODEL;
  for (const mode of heldModes()) {
    const factor = `mode ${mode}`;
    const sd = Math.sqrt(modes[mode]!.variance);
    const posed = mean.map(([x, y], i): Point => [x + 2 * sd * modes[mode]!.vector[2 * i]!, y + 2 * sd * modes[mode]!.vector[2 * i + 1]!]);
    const moved = posed.map(([x, y]): Point => [1.7 * (0.96 * x - 0.28 * y) + 40, 1.7 * (0.28 * x + 0.96 * y) - 15]);
    // (to the rounding of the stored mode vectors, 1e-5)
    assert.ok(close(posedMeanShape(moved), moved, 1e-3), factor);
    // so exaggerating a merely turned (tilted, open-mouthed) mean face does nothing
    assert.ok(close(exaggerate(moved, 3), moved, 3e-3), factor);
  }
  // while a shape difference (another mode) is exaggerated
  const other = [...Array(modes.length).keys()].find((k) => !heldModes().includes(k))!;
  const person = mean.map(([x, y], i): Point => [x + 10 * modes[other]!.vector[2 * i]!, y + 10 * modes[other]!.vector[2 * i + 1]!]);
  assert.ok(!close(exaggerate(person, 2), person, 1));
});

test('exaggerate: a region gain acts on that region only', () => {
  for (const [region, [from, to]] of Object.entries(REGIONS)) {
    const t = exaggerate(FACE, 1, { [region]: 3 });
    const m = moved(FACE, t);
    assert.ok(m.every((i) => i >= from && i < to), `${region} moved ${m}`);
    assert.ok(m.length > 0, region);
  }
  assert.equal(REGION_OF[16], 'jaw');
  assert.equal(REGION_OF[17], 'brows');
  assert.equal(REGION_OF[47], 'eyes');
  assert.equal(REGION_OF[48], 'mouth');
});

const EXPECTED_POINTS: Record<string, number[]> = {
  eyeSize: range(36, 48),
  eyeDistance: range(36, 48),
  eyeTilt: range(36, 48),
  noseWidth: [31, 32, 34, 35], // the tip (33) is the nostrils' own centre
  noseLength: range(28, 36),
  mouthWidth: range(48, 68).filter((i) => ![51, 57, 62, 66].includes(i)), // on the axis
  smile: [48, 49, 53, 54, 55, 59, 60, 61, 63, 64, 65, 67],
  upperLip: [49, 50, 51, 52, 53],
  lowerLip: [55, 56, 57, 58, 59],
  chinHeight: range(5, 12),
  jawWidth: [3, 4, 5, 6, 7, 9, 10, 11, 12, 13],
  foreheadHeight: [0, 1, 2, 14, 15, 16, ...range(17, 27)],
  faceWidth: [...range(0, 8), ...range(9, 17), 17, 18, 25, 26], // the chin sits on the axis: widening leaves it; the brow tails follow
};
function range(a: number, b: number): number[] {
  return Array.from({ length: b - a }, (_, i) => a + i);
}

test('every slider: 0 is the identity, it moves exactly its feature, and keeps a symmetric face symmetric', () => {
  for (const name of SLIDER_NAMES) {
    assert.ok(close(SLIDERS[name](SYM, 0), SYM, 1e-12), `${name} at 0`);
    for (const a of [-1, 0.5, 1]) {
      const out = SLIDERS[name](SYM, a);
      assert.deepEqual(moved(SYM, out), EXPECTED_POINTS[name]!.slice().sort((x, y) => x - y), `${name} at ${a}`);
      assert.ok(close(mirrorShape(out), out, 1e-9), `${name} at ${a} broke symmetry`);
    }
  }
});

test('slider magnitudes: eyes ±50%, eye distance 12 px, tilt 15°, chin 15 px', () => {
  const spread = (pts: readonly Point[]) => pts[39]![0] - pts[36]![0];
  assert.ok(Math.abs(spread(SLIDERS.eyeSize(SYM, 1)) - 1.5 * spread(SYM)) < 1e-9);
  assert.ok(Math.abs(spread(SLIDERS.eyeSize(SYM, -1)) - 0.5 * spread(SYM)) < 1e-9);
  const lc = (pts: readonly Point[]) => centroid(pts, range(36, 42));
  const rc = (pts: readonly Point[]) => centroid(pts, range(42, 48));
  const d = SLIDERS.eyeDistance(SYM, 1);
  assert.ok(Math.abs(rc(d)[0] - lc(d)[0] - (rc(SYM)[0] - lc(SYM)[0]) - 24) < 1e-9);
  const tilt = SLIDERS.eyeTilt(SYM, 1);
  const ang = (p: readonly Point[]) => Math.atan2(p[39]![1] - p[36]![1], p[39]![0] - p[36]![0]);
  assert.ok(Math.abs(ang(tilt) - ang(SYM) - (15 * Math.PI) / 180) < 1e-9, 'left eye inner corner lower than the outer one');
  assert.ok(tilt[36]![1] < SYM[36]![1], 'outer corner up');
  assert.ok(Math.abs(SLIDERS.chinHeight(SYM, 1)[8]![1] - SYM[8]![1] - 15) < 1e-12);
  assert.ok(SLIDERS.smile(SYM, 1)[48]![1] < SYM[48]![1], 'a smile lifts the corners (y up is negative)');
  assert.ok(SLIDERS.foreheadHeight(SYM, 1)[19]![1] < SYM[19]![1]);
});

test('applySliders composes in a fixed order and skips zeros', () => {
  const a = applySliders(SYM, { eyeSize: 0.5, smile: 0.3 });
  const b = SLIDERS.smile(SLIDERS.eyeSize(SYM, 0.5), 0.3);
  assert.ok(close(a, b, 1e-12));
  assert.ok(close(applySliders(SYM, { eyeSize: 0, smile: 0 }), SYM, 0));
});

test('MIRROR is an involution pairing left with right; mirrorShape twice is the identity', () => {
  MIRROR.forEach((j, i) => assert.equal(MIRROR[j], i));
  assert.equal(MIRROR[0], 16);
  assert.equal(MIRROR[36], 45);
  assert.equal(MIRROR[48], 54);
  assert.equal(MIRROR[8], 8);
  assert.equal(MIRROR[62], 62);
  assert.ok(close(mirrorShape(mirrorShape(MEAN_FACE)), MEAN_FACE, 1e-12));
  // the mean face is nearly symmetric: its mirror image is within a few canonical pixels
  assert.ok(close(mirrorShape(MEAN_FACE), MEAN_FACE, 6));
});

test('mirroredDrag moves the partner by the mirrored displacement in the face frame', () => {
  const fwd = canonicalTransform(FACE);
  const inv = invertAffine(fwd);
  const c = FACE.map((p) => applyAffine(fwd, p));
  const to = applyAffine(inv, [c[36]![0] - 5, c[36]![1] - 3]);
  const out = mirroredDrag(FACE, FACE, 36, to);
  const oc = out.map((p) => applyAffine(fwd, p));
  assert.ok(Math.hypot(oc[45]![0] - (c[45]![0] + 5), oc[45]![1] - (c[45]![1] - 3)) < 1e-9);
  assert.deepEqual(moved(FACE, out), [36, 45]);
  // a point on the axis only moves along it
  const chin = mirroredDrag(FACE, FACE, 8, applyAffine(inv, [c[8]![0] + 10, c[8]![1] + 4]));
  const cc = applyAffine(fwd, chin[8]!);
  assert.ok(Math.abs(cc[0] - c[8]![0]) < 1e-9 && Math.abs(cc[1] - c[8]![1] - 4) < 1e-9);
});

test('composeTarget: empty geometry is the face; offsets come back out of canonicalOffsets', () => {
  assert.ok(close(composeTarget(FACE, {}), FACE, 1e-9));
  const offsets: Point[] = MEAN_FACE.map((_, i) => [Math.sin(i) * 4, Math.cos(i) * 3]);
  const t = composeTarget(FACE, { offsets });
  assert.ok(close(canonicalOffsets(FACE, t), offsets, 1e-9));
  // offsets are canonical pixels: in the image they are IMAGE_TO_CANON_SCALE times larger
  const d = Math.hypot(t[0]![0] - FACE[0]![0], t[0]![1] - FACE[0]![1]);
  const canonScale = 1 / Math.hypot(canonicalTransform(FACE)[0], canonicalTransform(FACE)[1]);
  assert.ok(Math.abs(d - Math.hypot(offsets[0]![0], offsets[0]![1]) * canonScale) < 1e-9);
  assert.throws(() => composeTarget(FACE.map((): Point => [5, 5]), {}), /degenerate/);
});

test('moveTogether: points one pixel of the photo (a closed mouth\'s inner lips) move as one, keeping their gap; others untouched', () => {
  const face: Point[] = MEAN_FACE.map(([x, y]): Point => [x, y]);
  // close the mouth the way dlib marks it: inner lips 61–63 on 67–65, 0.4 px apart
  for (const [u, l] of [[61, 67], [62, 66], [63, 65]] as const) face[u] = [face[l]![0], face[l]![1] - 0.4];
  const apart = face.map(([x, y], i): Point => (i === 62 ? [x, y - 3] : i === 66 ? [x, y + 3] : [x, y]));
  const out = moveTogether(face, apart);
  assert.ok(Math.abs(out[62]![0] - face[62]![0]) < 1e-9 && Math.abs(out[62]![1] - face[62]![1]) < 1e-9, 'opposite moves cancel');
  assert.ok(Math.abs(out[66]![1] - out[62]![1] - 0.4) < 1e-9, 'the gap stays the photo\'s');
  assert.deepEqual(out[30], apart[30]);
  // exaggeration about the (open-mouthed) mean no longer crosses them
  const t = composeCanonical(face, { gains: { global: 2 } });
  assert.ok(t[66]![1] - t[62]![1] > 0, `inner lips crossed: ${t[62]![1]} vs ${t[66]![1]}`);
  assert.deepEqual(composeCanonical(face, {}), face, 'no edit is no move');
});
