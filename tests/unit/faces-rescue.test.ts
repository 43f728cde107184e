import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyTable, blownFraction, normaliseTone, toneStats, toneTable, TARGET_MEDIAN } from '../../electron/services/faces/tone.js';
import { containment, faintCandidate, matchHogFaces, mergeCandidates, oldPrint, passesSecondLook, poorTone, rescueReasons, RESCUE, sameFace, smallAtInput, tiles, zoomCrop } from '../../electron/services/faces/rescue.js';
import { faded, FADED_LOW, FADED_SPAN, small, smallPlacement, toGrey, variantBox } from '../photo-variants.js';
import type { RgbImage } from '../../electron/services/images/decode.js';

/** A w×h colour ramp: r along x, g along y, b constant. */
function ramp(w: number, h: number): RgbImage {
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set([Math.round((255 * x) / (w - 1)), Math.round((255 * y) / (h - 1)), 60], 3 * (y * w + x));
  return { width: w, height: h, data };
}

test('toneTable stretches the 1st…99th percentile band to 0…255 and puts the median at TARGET_MEDIAN', () => {
  const t = toneTable({ low: 90, median: 130, high: 180 });
  assert.equal(t[90], 0);
  assert.equal(t[0], 0);
  assert.equal(t[180], 255);
  assert.equal(t[255], 255);
  assert.ok(Math.abs(t[130]! / 255 - TARGET_MEDIAN) < 0.01, `median → ${t[130]}`);
  for (let v = 1; v < 256; v++) assert.ok(t[v]! >= t[v - 1]!, 'monotone');
});

test('a faded print normalises back to close to its grey original, up to the gamma', () => {
  const img = ramp(200, 150);
  const grey = toGrey(img);
  const fade = faded(img);
  const s = toneStats(fade);
  assert.ok(s.high - s.low <= Math.ceil(255 * FADED_SPAN) && s.low >= FADED_LOW, JSON.stringify(s));
  assert.ok(poorTone(s), 'a faded print is poor tone');
  const back = normaliseTone(fade);
  const g = toneStats(grey);
  // Same tone curve applied to the grey original: the fade only squeezed the range linearly.
  const ref = applyTable(grey, toneTable(g));
  let worst = 0;
  for (let i = 0; i < back.data.length; i++) worst = Math.max(worst, Math.abs(back.data[i]! - ref.data[i]!));
  assert.ok(worst <= 12, `worst channel difference ${worst}`);
});

test('toneStats: a colour ramp is fine, its grey copy is poor (greyscale), a blown copy is poor (clipped)', () => {
  const img = ramp(256, 256);
  assert.equal(poorTone(toneStats(img)), false);
  assert.ok(toneStats(toGrey(img)).chroma < RESCUE.greyChroma);
  assert.equal(poorTone(toneStats(toGrey(img))), true);
  const blown = applyTable(img, Uint8Array.from({ length: 256 }, (_, v) => Math.min(255, 4 * v)));
  assert.ok(toneStats(blown).clipped > RESCUE.maxClipped);
  assert.equal(poorTone(toneStats(blown)), true);
});

test('rescueReasons: none for confident faces of fair size in fair tone; each suspicion named', () => {
  const fine = { low: 5, median: 120, high: 240, clipped: 0, chroma: 40 };
  const face = { box: [100, 100, 200, 240] as [number, number, number, number], score: 0.95 };
  assert.deepEqual(rescueReasons([face], fine, 1920, 1280), []);
  assert.deepEqual(rescueReasons([], fine, 1920, 1280), ['no face']);
  assert.deepEqual(rescueReasons([face, { ...face, score: 0.4 }], fine, 1920, 1280), ['doubtful candidates']);
  assert.deepEqual(rescueReasons([face], { ...fine, chroma: 0 }, 1920, 1280), ['poor tone']);
  // 60 px in a 1920-px photo is 16 px at SSD's 512-px input
  assert.deepEqual(rescueReasons([{ ...face, box: [0, 0, 60, 70] }], fine, 1920, 1280), ['small faces']);
});

test('tiles cover the photo with overlap; zoomCrop stays inside it', () => {
  const ts = tiles(1920, 1280);
  assert.equal(ts.length, 4);
  for (let y = 0; y < 1280; y += 37) for (let x = 0; x < 1920; x += 37) assert.ok(ts.some(([tx, ty, w, h]) => x >= tx && x < tx + w && y >= ty && y < ty + h), `${x},${y}`);
  assert.ok(ts[0]![2] + ts[1]![2] - 1920 >= 0.2 * 1920 - 1, 'overlap');
  assert.deepEqual(zoomCrop([100, 100, 40, 60], 1920, 1280), [45, 55, 150, 150]);
  assert.deepEqual(zoomCrop([0, 0, 40, 60], 100, 100), [0, 0, 95, 100]);
});

test('mergeCandidates keeps the best of overlapping candidates and distinct faces apart', () => {
  const a = { box: [0, 0, 100, 100] as [number, number, number, number], score: 0.6 };
  const b = { box: [10, 5, 100, 100] as [number, number, number, number], score: 0.9 };
  const c = { box: [300, 0, 100, 100] as [number, number, number, number], score: 0.4 };
  assert.deepEqual(mergeCandidates([a, c, b]), [b, c]);
});

test('matchHogFaces: each face takes the HOG box overlapping it most; HOG faces overlapping none are new', () => {
  const box = (x: number, y: number, w: number, h: number) => [x, y, w, h] as [number, number, number, number];
  // SSD-like box and dlib's tighter square of the same face (IoU ≈ 0.55), a neighbour, and a HOG-only face.
  const faces = [{ box: box(100, 80, 160, 220), score: 0.9 }, { box: box(400, 80, 160, 220), score: 0.8 }];
  const hog = [{ box: box(110, 130, 145, 145), score: 1.2 }, { box: box(800, 100, 100, 100), score: 0.7 }, { box: box(120, 140, 130, 130), score: 0.4 }];
  const { faces: out, unmatched } = matchHogFaces(faces, hog);
  assert.deepEqual(out[0], { ...faces[0], dlibBox: hog[0]!.box });
  assert.equal(out[1]!.dlibBox, undefined, 'no HOG face there');
  assert.deepEqual(unmatched, [hog[1]], 'a second HOG box on a face is not a new face');
});

test('passesSecondLook: a sure pass needs a trace on the second look; a doubtful one a clear second look', () => {
  assert.equal(passesSecondLook(0.95, 0.06), true);
  assert.equal(passesSecondLook(0.95, 0), false);
  assert.equal(passesSecondLook(0.584, 0.0), false, 'the wine glass of sample1 in strong light');
  assert.equal(passesSecondLook(0.35, 0.15), true);
  assert.equal(passesSecondLook(0.35, 0.09), false);
  assert.equal(passesSecondLook(0.47, 0.115), true, 'sample4 grey: the face SSD scores 0.47');
});

test('variantBox follows the small variant: a marked pixel lands where the box says', () => {
  const img: RgbImage = { width: 400, height: 300, data: new Uint8Array(400 * 300 * 3) };
  // a white 40×40 square at (200, 100)
  for (let y = 100; y < 140; y++) for (let x = 200; x < 240; x++) img.data.fill(255, 3 * (y * 400 + x), 3 * (y * 400 + x) + 3);
  const out = small(img);
  const [bx, by, bw, bh] = variantBox([200, 100, 40, 40], 'small', 400, 300);
  const p = smallPlacement(400, 300);
  assert.ok(Math.abs(bw - 40 * p.scale) < 1e-9 && Math.abs(bh - 40 * p.scale) < 1e-9);
  const at = (x: number, y: number) => out.data[3 * (Math.floor(y) * 400 + Math.floor(x))]!;
  assert.equal(at(bx + bw / 2, by + bh / 2), 255);
  assert.equal(at(bx - 3, by + bh / 2), 0);
  assert.equal(at(5, 5), 128, 'frame');
});

test('an old print turns away the fast path; blown highlights alone (a white backdrop) do not', () => {
  const fine = { low: 5, median: 120, high: 240, clipped: 0, chroma: 40 };
  assert.equal(oldPrint(fine), false);
  assert.equal(oldPrint({ ...fine, chroma: 0 }), true);
  assert.equal(oldPrint({ ...fine, low: 90, high: 180 }), true);
  const backdrop = { ...fine, median: 250, high: 255, clipped: 0.5 };
  assert.equal(oldPrint(backdrop), false);
  assert.equal(poorTone(backdrop), true);
});

test('toneStats leaves out a digital fill: a colour ramp in a wide mid-grey frame keeps its own levels and colour', () => {
  const img = ramp(256, 256);
  const framed = small(img);
  const own = toneStats(img);
  const s = toneStats(framed);
  // Counted, the frame (91 % of the pixels, grey 128) made the 99th percentile 128 and the chroma ~2: "greyscale".
  assert.ok(s.chroma > RESCUE.greyChroma, `chroma ${s.chroma}`);
  assert.ok(s.high > 200 && Math.abs(s.median - own.median) < 20, JSON.stringify({ s, own }));
  assert.equal(poorTone(s), false);
});

test('toneStats: a faded print\'s few greys are not taken for a fill', () => {
  const fade = faded(ramp(200, 150));
  const s = toneStats(fade);
  // the 1st…99th percentile span of a ramp squeezed into 255·FADED_SPAN levels, as when every sample counts
  assert.ok(s.high - s.low >= 0.75 * 255 * FADED_SPAN && s.low >= FADED_LOW, JSON.stringify(s));
});

test('blownFraction counts the blown pixels of a box, clipped to the image', () => {
  const img: RgbImage = { width: 100, height: 100, data: new Uint8Array(100 * 100 * 3).fill(120) };
  for (let y = 0; y < 100; y++) for (let x = 50; x < 100; x++) img.data.fill(255, 3 * (y * 100 + x), 3 * (y * 100 + x) + 3);
  assert.equal(blownFraction(img, [0, 0, 50, 100]), 0);
  assert.equal(blownFraction(img, [50, 0, 50, 100]), 1);
  assert.equal(blownFraction(img, [0, 0, 100, 100]), 0.5);
  assert.equal(blownFraction(img, [80, 80, 60, 60]), 1, 'the part outside the image is not counted');
});

test('containment and sameFace: a box inside a face is that face; neighbours are not', () => {
  const face = [100, 100, 150, 180] as [number, number, number, number];
  const mouth = [150, 200, 60, 40] as [number, number, number, number];
  assert.equal(containment(face, mouth), 1);
  assert.ok(sameFace(face, mouth), 'AutoToon 00037 overexposed: a box on the mouth');
  assert.ok(sameFace(face, [110, 105, 150, 180]));
  assert.equal(sameFace(face, [260, 100, 150, 180]), false);
  assert.equal(containment(face, [260, 100, 150, 180]), 0);
});

test('faintCandidate: a low score counts when the box is small at SSD\'s input or mostly blown', () => {
  const img: RgbImage = { width: 1920, height: 1280, data: new Uint8Array(1920 * 1280 * 3).fill(100) };
  for (let y = 0; y < 400; y++) img.data.fill(255, 3 * y * 1920, 3 * (y * 1920 + 600));
  assert.ok(smallAtInput([0, 0, 60, 70], 1920, 1280) && !smallAtInput([0, 0, 120, 140], 1920, 1280));
  assert.ok(faintCandidate(img, { box: [1000, 600, 60, 70], score: 0.2 }), 'small, 0.2');
  assert.equal(faintCandidate(img, { box: [1000, 600, 60, 70], score: 0.1 }), false, 'small, 0.1');
  assert.equal(faintCandidate(img, { box: [1000, 600, 200, 240], score: 0.2 }), false, 'fair size, fair tone');
  assert.ok(faintCandidate(img, { box: [100, 100, 200, 240], score: 0.06 }), 'blown, 0.06');
  assert.equal(faintCandidate(img, { box: [100, 100, 200, 240], score: 0.04 }), false, 'blown, 0.04');
});

test('mergeCandidates merges repeats of one box, not two framings of a face', () => {
  // sample1 small: a tall box of the tilted face (failed its second look) and a tight one (passed), IoU 0.47.
  const tall = { box: [1124, 528, 65, 106] as [number, number, number, number], score: 0.27 };
  const tight = { box: [1122, 530, 50, 65] as [number, number, number, number], score: 0.21 };
  const repeat = { box: [1125, 529, 64, 104] as [number, number, number, number], score: 0.25 };
  assert.deepEqual(mergeCandidates([tight, repeat, tall]), [tall, tight]);
});
