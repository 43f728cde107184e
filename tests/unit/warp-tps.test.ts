import { test } from 'node:test';
import assert from 'node:assert/strict';
import { solveInPlace } from '../../common/warp/linsolve.js';
import { evalTps, fitTps, jacobianDet, kernel } from '../../electron/services/warp/tps.js';
import { solveTps } from '../../electron/services/warp/tps-solve.js';
import { borderAnchors, fitMapping } from '../../electron/services/warp/mapping.js';
import type { Point } from '../../common/geometry.js';
import { uniformRng } from '../../common/random.js';


test('solveInPlace solves a pivoting-needing system and reports singular ones', () => {
  const a = Float64Array.from([0, 2, 1, 1, 1, 1, 2, 1, 0]);
  const b = Float64Array.from([5, 4, 4]); // x = (1, 2, 1)
  const x = solveInPlace(a, b, 3, 1)!;
  assert.deepEqual(Array.from(x, (v) => Math.round(v * 1e12) / 1e12), [1, 2, 1]);
  assert.equal(solveInPlace(Float64Array.from([1, 2, 2, 4]), Float64Array.from([1, 1]), 2, 1), null);
});

test('solveTps (null space + Cholesky) agrees with LU on the whole bordered TPS system', () => {
  const r = uniformRng(7);
  const n = 60;
  const c = Float64Array.from({ length: n * 2 }, () => r());
  const v = Float64Array.from({ length: n * 2 }, (_, i) => c[i]! + 0.05 * (r() - 0.5));
  const size = n + 3;
  const full = new Float64Array(size * size);
  const k = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const u = i === j ? 1e-9 : kernel((c[i * 2]! - c[j * 2]!) ** 2 + (c[i * 2 + 1]! - c[j * 2 + 1]!) ** 2);
      k[i * n + j] = u;
      full[i * size + j] = u;
    }
    [1, c[i * 2]!, c[i * 2 + 1]!].forEach((p, j) => {
      full[i * size + n + j] = p;
      full[(n + j) * size + i] = p;
    });
  }
  const rhs = new Float64Array(size * 2);
  rhs.set(v);
  const lu = solveInPlace(full, rhs, size, 2)!;
  const got = solveTps(k, c, Float64Array.from(v), n);
  assert.ok(typeof got === 'object');
  const err = Math.max(...Array.from(got.weights, (w, i) => Math.abs(w - lu[i]!)), ...Array.from(got.affine, (a, i) => Math.abs(a - lu[n * 2 + i]!)));
  assert.ok(err < 1e-8, `max difference ${err}`);
  assert.equal(solveTps(new Float64Array(9), Float64Array.from([0, 0, 1, 1, 2, 2]), new Float64Array(6), 3), 'collinear');
});

test('kernel is r²·log r² and 0 at the centre', () => {
  assert.equal(kernel(0), 0);
  assert.equal(kernel(1), 0);
  assert.equal(kernel(Math.E), Math.E);
});

test('the spline passes through every control point', () => {
  const r = uniformRng(1);
  const c: Point[] = Array.from({ length: 40 }, () => [r(), r()]);
  const v: Point[] = c.map(([x, y]) => [x + 0.05 * (r() - 0.5), y + 0.05 * (r() - 0.5)]);
  const t = fitTps(c, v);
  c.forEach(([x, y], i) => {
    const [fx, fy] = evalTps(t, x, y);
    assert.ok(Math.abs(fx - v[i]![0]) < 1e-7 && Math.abs(fy - v[i]![1]) < 1e-7, `point ${i}`);
  });
});

test('an affine map is reproduced exactly with zero bending weights', () => {
  const r = uniformRng(2);
  const c: Point[] = Array.from({ length: 20 }, () => [r(), r()]);
  const aff = (p: Point): Point => [0.1 + 1.2 * p[0] - 0.3 * p[1], -0.2 + 0.4 * p[0] + 0.9 * p[1]];
  const t = fitTps(c, c.map(aff));
  assert.ok(Math.max(...Array.from(t.weights, Math.abs)) < 1e-9);
  const [x, y] = evalTps(t, 0.37, 0.81);
  const [ex, ey] = aff([0.37, 0.81]);
  assert.ok(Math.abs(x - ex) < 1e-10 && Math.abs(y - ey) < 1e-10);
  assert.ok(Math.abs(jacobianDet(t, 0.5, 0.5) - (1.2 * 0.9 + 0.3 * 0.4)) < 1e-9);
});

test('jacobianDet matches central finite differences', () => {
  const r = uniformRng(3);
  const c: Point[] = Array.from({ length: 15 }, () => [r(), r()]);
  const t = fitTps(c, c.map(([x, y]): Point => [x + 0.1 * (r() - 0.5), y + 0.1 * (r() - 0.5)]));
  const h = 1e-6;
  for (const [x, y] of [[0.3, 0.4], [0.71, 0.12], [0.5, 0.95]] as const) {
    const dxp = evalTps(t, x + h, y);
    const dxm = evalTps(t, x - h, y);
    const dyp = evalTps(t, x, y + h);
    const dym = evalTps(t, x, y - h);
    const jxx = (dxp[0] - dxm[0]) / (2 * h);
    const jyx = (dxp[1] - dxm[1]) / (2 * h);
    const jxy = (dyp[0] - dym[0]) / (2 * h);
    const jyy = (dyp[1] - dym[1]) / (2 * h);
    assert.ok(Math.abs(jacobianDet(t, x, y) - (jxx * jyy - jxy * jyx)) < 1e-5);
  }
});

test('coincident control points with different values are smoothed, not a crash', () => {
  const c: Point[] = [[0, 0], [1, 0], [0, 1], [0.5, 0.5], [0.5, 0.5]];
  const v: Point[] = [[0, 0], [1, 0], [0, 1], [0.45, 0.5], [0.55, 0.5]];
  const [x, y] = evalTps(fitTps(c, v), 0.5, 0.5);
  assert.ok(Math.abs(x - 0.5) < 1e-3 && Math.abs(y - 0.5) < 1e-3);
});

test('collinear control points are refused with an error, not NaN', () => {
  assert.throws(() => fitTps([[0, 0], [1, 1], [2, 2]], [[0, 0], [1, 1], [2, 2]]), /degenerate/);
});

test('borderAnchors lie on the border, include the corners and never repeat', () => {
  const a = borderAnchors(640, 480);
  const key = (p: Point) => `${p[0]},${p[1]}`;
  assert.equal(new Set(a.map(key)).size, a.length);
  for (const c of ['0,0', '639,0', '0,479', '639,479']) assert.ok(a.some((p) => key(p) === c), c);
  for (const [x, y] of a) assert.ok(x === 0 || y === 0 || x === 639 || y === 479);
  assert.equal(a.length, 2 * 12 + 2 * 9);
  assert.equal(borderAnchors(2, 2).length, 4);
});

test('fitMapping moves landmarks exactly and keeps the border within a tenth of a pixel', () => {
  const src: Point[] = [[200, 200], [300, 200], [250, 280], [250, 330]];
  const tgt: Point[] = [[190, 195], [310, 195], [250, 300], [250, 345]];
  const m = fitMapping(512, 512, src, tgt);
  tgt.forEach((p, i) => {
    const [u, v] = evalTps(m.tps, p[0] / m.norm, p[1] / m.norm);
    assert.ok(Math.hypot(u * m.norm - src[i]![0], v * m.norm - src[i]![1]) < 1e-4);
  });
  let worst = 0;
  for (let s = 0; s <= 511; s += 1) {
    for (const p of [[s, 0], [s, 511], [0, s], [511, s]] as Point[]) {
      const [u, v] = evalTps(m.tps, p[0] / m.norm, p[1] / m.norm);
      worst = Math.max(worst, Math.hypot(u * m.norm - p[0], v * m.norm - p[1]));
    }
  }
  assert.ok(worst < 0.1, `border moved ${worst.toFixed(3)} px`);
});
