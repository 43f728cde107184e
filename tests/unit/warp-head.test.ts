/** The head layer's pure parts (issue #13): region outline and feathering, the parser plug-in, hair control rings, the background fill. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MEAN_FACE } from '../../common/face68/mean-face.js';
import { composeTarget } from '../../common/warp/compose.js';
import { featheredPolygon, headControls, headFromLabels, headOutline, HEAD_CLASSES, imageLabels, insidePolygon, landmarkHead } from '../../electron/services/warp/head.js';
import { fillHole } from '../../electron/services/warp/fill.js';
import { uncovered } from '../../electron/services/warp/head-warp.js';
import type { Point } from '../../common/geometry.js';
import type { Plane } from '../../electron/services/faces/raster.js';

/** The mean face placed in a 600×700 image, 1.5× the canonical size. */
const FACE: Point[] = MEAN_FACE.map(([x, y]): Point => [1.5 * x + 108, 1.5 * y + 200]);
const W = 600;
const H = 700;

test('headOutline: holds the face and the crown above the brows, ends at the neck top', () => {
  const outline = headOutline(FACE);
  for (const p of FACE) assert.ok(insidePolygon(outline, p));
  const browY = Math.min(...FACE.slice(17, 27).map((p) => p[1]));
  const chin = FACE[8]!;
  // the crown: well above the brows, about a face height over them
  assert.ok(insidePolygon(outline, [chin[0], browY - 0.6 * (chin[1] - browY)]));
  // the neck just under the chin is in, the chest further down is not, nor the shoulders
  assert.ok(insidePolygon(outline, [chin[0], chin[1] + 20]));
  assert.ok(!insidePolygon(outline, [chin[0], chin[1] + 0.8 * (chin[1] - browY)]));
  assert.ok(!insidePolygon(outline, [FACE[0]![0] - 60, chin[1] + 40]));
});

test('featheredPolygon: 1 inside, 0 far outside, ½ at the edge; the reduced-resolution path agrees', () => {
  const square: Point[] = [[100, 100], [300, 100], [300, 300], [100, 300]];
  const full = featheredPolygon(square, 4, [0, 0, 400, 400]);
  const at = (x: number, y: number) => full.data[y * 400 + x]!;
  assert.ok(at(200, 200) > 0.999);
  assert.ok(at(20, 20) < 1e-6);
  assert.ok(Math.abs(at(100, 200) - 0.5) < 0.1, `${at(100, 200)}`);
  // A large feather on a large crop is drawn at a reduced resolution and upsampled.
  const big: Point[] = square.map(([x, y]) => [10 * x, 10 * y]);
  const coarse = featheredPolygon(big, 40, [0, 0, 4000, 4000]);
  assert.ok(Math.abs(coarse.data[2000 * 4000 + 1000]! - 0.5) < 0.1);
  assert.ok(coarse.data[2000 * 4000 + 2000]! > 0.999 && coarse.data[200 * 4000 + 200]! < 1e-6);
});

test('headFromLabels: the parser classes of this head, the neck from the estimate, another head and hair apart from this one ignored', () => {
  const classes = ['background', 'skin', 'l_brow', 'r_brow', 'l_eye', 'r_eye', 'eye_g', 'l_ear', 'r_ear', 'ear_r', 'nose', 'mouth', 'u_lip', 'l_lip', 'neck', 'neck_l', 'cloth', 'hair', 'hat'];
  const labels = new Uint8Array(W * H);
  const set = (cls: string, x0: number, y0: number, x1: number, y1: number) => {
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) labels[y * W + x] = classes.indexOf(cls);
  };
  const chin = FACE[8]!;
  set('hair', 150, 60, 450, 250); // hair above and around
  set('skin', 200, 250, 400, Math.round(chin[1])); // the face
  set('neck', 250, Math.round(chin[1]), 350, H); // a long neck into the chest
  set('cloth', 0, 620, W, H);
  const browY = Math.min(...FACE.slice(17, 27).map((p) => p[1]));
  const chest = Math.round(chin[1] + 0.45 * (chin[1] - browY));
  set('skin', 180, chest - 10, 240, chest + 10); // the chest's skin (a low neckline): the parser calls it skin too
  set('hair', 0, 0, 30, 30); // someone else's hair in the corner, far from this head
  set('hair', 480, 280, 510, 300); // hair within this head's reach but apart from it (a neighbour's lock)
  const region = headFromLabels(FACE, imageLabels(labels, W), W, H, classes);
  const [x0, y0, x1, y1] = region.bounds();
  const a = region.alpha([0, 0, W, H]);
  const at = (x: number, y: number) => a.data[y * W + x]!;
  assert.ok(at(300, 150) > 0.99, 'hair');
  assert.ok(at(300, 300) > 0.99, 'skin');
  assert.ok(at(300, Math.round(chin[1]) + 10) > 0.9, 'neck top');
  assert.ok(at(300, 690) < 0.01, 'the neck below the cut, into the chest');
  assert.ok(at(200, chest) < 0.01, `the chest's skin (${at(200, chest)})`);
  assert.ok(at(10, 10) < 0.01, 'another head');
  assert.ok(at(495, 290) < 0.05, `hair apart from this head (${at(495, 290)})`);
  assert.ok(x0 > 60 && y0 > 30 && x1 < 540 && y1 < H, `bounds ${[x0, y0, x1, y1]}`);
  assert.ok(HEAD_CLASSES.includes('hair') && !HEAD_CLASSES.includes('cloth' as never));
});

test('headFromLabels: a rolled head takes the same labels as an upright one (no straight cut through its hair)', () => {
  const classes = ['background', 'skin', 'hair'];
  const size = 1000;
  // Hair everywhere: the region is then all the labels the head may reach, a shape that turns with the face.
  const labels = new Uint8Array(size * size).fill(2);
  const [mx, my] = [MEAN_FACE.reduce((s, p) => s + p[0], 0) / 68, MEAN_FACE.reduce((s, p) => s + p[1], 0) / 68];
  const area = (deg: number) => {
    const t = (deg * Math.PI) / 180;
    const face = MEAN_FACE.map(([x, y]): Point => {
      const [u, v] = [1.5 * (x - mx), 1.5 * (y - my)];
      return [size / 2 + u * Math.cos(t) - v * Math.sin(t), size / 2 + u * Math.sin(t) + v * Math.cos(t)];
    });
    const region = headFromLabels(face, imageLabels(labels, size), size, size, classes);
    const a = region.alpha([0, 0, size, size]).data;
    assert.ok(a[0]! < 0.01 && a[size - 1]! < 0.01, 'the corners stay out of reach');
    return a.reduce((s, v) => s + v, 0);
  };
  const upright = area(0);
  for (const deg of [20, 35, -35]) {
    const ratio = area(deg) / upright;
    assert.ok(Math.abs(ratio - 1) < 0.01, `rolled ${deg}°: ${(ratio * 100).toFixed(1)} % of the upright head's area`);
  }
});

test('headFromLabels: where the parser did not look, the landmark estimate stands in', () => {
  const classes = ['background', 'skin', 'hair'];
  const browY = Math.min(...FACE.slice(17, 27).map((p) => p[1]));
  // The parser saw the image from the brows down (skin on the face, background elsewhere), not the crown above them.
  const labelAt = (x: number, y: number) => (y < browY ? -1 : insidePolygon(FACE.slice(0, 17), [x, y]) ? 1 : 0);
  const a = headFromLabels(FACE, labelAt, W, H, classes).alpha([0, 0, W, H]);
  const est = landmarkHead(FACE).alpha([0, 0, W, H]);
  const at = (p: Plane, x: number, y: number) => p.data[y * W + x]!;
  const crown: [number, number] = [300, Math.round(browY - 80)];
  assert.ok(at(est, ...crown) > 0.99 && at(a, ...crown) > 0.99, 'the crown, unseen, from the estimate');
  assert.ok(at(est, 60, Math.round(browY - 20)) < 0.01 && at(a, 60, Math.round(browY - 20)) < 0.01, 'beside the head, unseen, as the estimate');
  assert.ok(at(a, 300, 430) > 0.99, 'the face the parser saw');
});

test('headFromLabels: below the temples the estimate holds, whatever the labels; labels add only near the temples', () => {
  const classes = ['background', 'skin', 'neck', 'neck_l', 'cloth', 'hair'];
  const f = FACE;
  const chin = f[8]!;
  const temples = (f[0]![1] + f[16]![1]) / 2;
  const label = (x: number, y: number) => {
    if (insidePolygon(f.slice(0, 17), [x, y])) return 1;
    if (y > chin[1] + 12 && y < chin[1] + 24) return 3; // a choker across the neck
    if (y > chin[1] && Math.abs(x - chin[0]) < 150) return 2; // a wide neck into the shoulders
    if (y < chin[1] + 150) return 5; // long hair hanging beside the face down to the shoulders
    return 4;
  };
  const a = headFromLabels(f, label, W, H, classes).alpha([0, 0, W, H]);
  const est = landmarkHead(f).alpha([0, 0, W, H]);
  // From 0.6 of the way from the temples to the chin down (the labels' reach ends at 0.4, then
  // the feather) the region is the estimate: its lower edge lies on the spline's fixed neck
  // points, where the head does not move the body.
  let worst = 0;
  for (let y = Math.round(temples + 0.6 * (chin[1] - temples)); y < H; y++) for (let x = 0; x < W; x++) worst = Math.max(worst, Math.abs(a.data[y * W + x]! - est.data[y * W + x]!));
  // 0.05: the estimate is drawn at half resolution here (featheredPolygon), the labels' region at full (0.035 apart with background labels only).
  assert.ok(worst < 0.05, `below the temples the region strays from the estimate by ${worst.toFixed(3)}`);
  // Above the temples the labels' hair beyond the estimate counts.
  const side = Math.round(f[0]![0] - 60);
  const y = Math.round(temples - 10);
  assert.ok(est.data[y * W + side]! < 0.05 && a.data[y * W + side]! > 0.95, `hair beside the temple: estimate ${est.data[y * W + side]}, parsed ${a.data[y * W + side]}`);
});

test('headControls: an unedited face moves nothing; a bigger head moves the hair as a whole; fixed points stay outside the head', () => {
  const still = headControls(FACE, FACE);
  still.target.forEach((p, i) => assert.ok(Math.hypot(p[0] - still.source[i]![0], p[1] - still.source[i]![1]) < 1e-6));
  assert.ok(Math.abs(still.areaScale - 1) < 1e-9);
  const big = composeTarget(FACE, { head: 1.4 });
  const c = headControls(FACE, big);
  assert.ok(Math.abs(c.areaScale - 1.96) < 1e-6, `${c.areaScale}`);
  // the rings follow the head's similarity exactly (no residual to carry)
  c.target.forEach((p, i) => {
    const q = c.carrier(c.source[i]!);
    assert.ok(Math.hypot(p[0] - q[0], p[1] - q[1]) < 1e-6);
  });
  const outline = headOutline(big);
  for (const f of c.fixed) assert.ok(!insidePolygon(outline, f), `fixed point ${f} inside the enlarged head`);
  assert.ok(c.hairProbes.length > 40);
});

test('landmarkHead bounds hold all of its alpha', () => {
  const r = landmarkHead(FACE);
  const [x0, y0, x1, y1] = r.bounds();
  const pad = 40;
  const a = r.alpha([x0 - pad, y0 - pad, x1 + pad, y1 + pad]);
  const w = x1 - x0 + 2 * pad;
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < w; x++) {
      const inside = x >= pad && x < w - pad && y >= pad && y < a.height - pad;
      if (!inside) assert.ok(a.data[y * w + x]! < 0.002, `alpha ${a.data[y * w + x]} outside the bounds`);
    }
  }
});

test('fillHole: the hole gets the background texture, never its old content; outside is untouched', () => {
  const w = 120;
  const h = 90;
  const data = new Uint8Array(w * h * 3);
  const hole = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const inHole = (x - 60) ** 2 + (y - 45) ** 2 < 25 ** 2;
      hole[i] = inHole ? 1 : 0;
      // vertical stripes of blue and green; the hole held a red disc
      data.set(inHole ? [230, 20, 20] : x % 8 < 4 ? [20, 40, 200] : [30, 190, 40], i * 3);
    }
  }
  const out = fillHole({ width: w, height: h, data }, hole);
  let red = 0;
  for (let i = 0; i < w * h; i++) {
    if (!hole[i]) {
      assert.deepEqual([...out.data.subarray(i * 3, i * 3 + 3)], [...data.subarray(i * 3, i * 3 + 3)]);
      continue;
    }
    if (out.data[i * 3]! > 100) red++;
  }
  assert.equal(red, 0, 'no trace of the old content');
  // deterministic
  assert.deepEqual(fillHole({ width: w, height: h, data }, hole).data, out.data);
});

test('uncovered: the fill stands in only for the head a pixel lost, so nothing moves where the head stays and no outline is drawn where it draws in', () => {
  // nothing moved, or the head now covers more: the photo's own pixel
  assert.equal(uncovered(0.4, 0.4), 0);
  assert.equal(uncovered(0.3, 0.9), 0);
  assert.equal(uncovered(0, 0), 0);
  // the head left the pixel entirely: all fill
  assert.equal(uncovered(1, 0), 1);
  // a pixel that was all head and is half covered now: the other half is scene, all of it fill
  // (the photo's pixel there is head: blending it in ghosts the old outline)
  assert.equal(uncovered(1, 0.5), 1);
  // the feather's outer fringe, which the warped head left: the photo's pixel is 95 % scene and
  // keeps that (all fill there drew the fill's colour as a line along the old outline)
  assert.ok(Math.abs(uncovered(0.05, 0) - 0.05) < 1e-12);
  // monotone in what was lost
  assert.ok(uncovered(0.5, 0.1) < uncovered(0.8, 0.1) && uncovered(0.8, 0.1) < uncovered(0.8, 0));
});

test('fillHole: along its edge the fill meets the scene next to it (no outline where the head draws in a little)', () => {
  // A lit wall brightening left to right and a dark textured strip below; the hole (a head's
  // region) spans both. Patches from elsewhere on the wall are another brightness than the wall
  // right next to the hole's edge.
  const w = 160;
  const h = 120;
  const data = new Uint8Array(w * h * 3);
  const hole = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      hole[i] = (x - 80) ** 2 / 45 ** 2 + (y - 70) ** 2 / 40 ** 2 < 1 ? 1 : 0;
      const wall = 60 + (170 * x) / w;
      data.set(y > 95 ? [30 + ((x * 7 + y * 3) % 23), 20, 15] : [wall, wall * 0.85, wall * 0.4], i * 3);
    }
  }
  const out = fillHole({ width: w, height: h, data }, hole);
  // The mean jump across the edge: a hole pixel against its known 4-neighbours.
  let jump = 0;
  let n = 0;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      if (!hole[i]) continue;
      for (const j of [i - 1, i + 1, i - w, i + w]) {
        if (hole[j]) continue;
        for (let c = 0; c < 3; c++) jump += Math.abs(out.data[i * 3 + c]! - out.data[j * 3 + c]!) / 3;
        n++;
      }
    }
  }
  // Measured: 0.9 levels; 5.9 from the patches alone, without the offset at the edge.
  assert.ok(jump / n < 2.5, `mean jump across the fill's edge ${(jump / n).toFixed(1)} levels`);
});
