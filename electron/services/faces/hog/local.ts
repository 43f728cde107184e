/**
 * dlib's HOG detector looking only around one face: for a box already placed the way dlib's
 * detector would place it (dlib/boxes.ts maps SSD's there), the pyramid levels where that box is
 * near the detector's window are computed only on a crop around it, and scanned there. The crop
 * is cut on each level's own pixel grid, the levels are made exactly as a whole-image pyramid
 * makes them (pyramid.ts pyramidParts, on the regions the look needs), and each scanned part starts on the 8-px cell grid,
 * so a window found here is the window detectHog would report for that face on the whole photo
 * (its box, to the pixel, and its score) at a small part of the cost.
 */
import type { RgbImage } from '../../images/decode.js';
import type { Box } from '../../../../common/geometry.js';
import { cropRgb } from '../crop.js';
import { extractFhog } from './fhog.js';
import type { HogModel } from './model.js';
import { dlibSuppress } from './overlap.js';
import { downStep, pyramidLevels, pyramidParts, rectUp, sourceRegion, type DownStep, type Region } from './pyramid.js';
import { levelCandidates, type HogDetection } from './detect.js';
import { hogBox } from './faces.js';
import { matchHogFaces } from '../rescue.js';

export const LOCAL_HOG = {
  /** The crop around the box on each scanned level: this many times its side, around its centre. */
  zoom: 2,
  /** Levels scanned: the one whose window is nearest the box's side, and its neighbours either way. */
  reach: 1,
} as const;

/** The side (image pixels) of the detector's window found on pyramid level l. */
export function windowSide(model: HogModel, l: number): number {
  const r = rectUp([0, 0, (model.filterWidth - 1) * model.cellSize, 0], l);
  return r[2] - r[0] + 1;
}

/** The levels a whole-image scan has whose window is nearest a box of this side (and ±reach). */
export function localLevels(model: HogModel, side: number, levels: number): number[] {
  let near = 0;
  for (let l = 1; l < levels; l++) if (Math.abs(Math.log(windowSide(model, l) / side)) < Math.abs(Math.log(windowSide(model, near) / side))) near = l;
  const out: number[] = [];
  for (let l = near - LOCAL_HOG.reach; l <= near + LOCAL_HOG.reach; l++) if (l >= 0 && l < levels) out.push(l);
  return out;
}

/** The crop around the box on level l (w × h), outward to whole cells, clipped to the level. */
function cropOnLevel([x, y, w, h]: Box, l: number, width: number, height: number, cell: number): Region {
  const down = Math.pow(5 / 6, l);
  const half = (LOCAL_HOG.zoom * Math.max(w, h) * down) / 2;
  const cx = (x + w / 2) * down;
  const cy = (y + h / 2) * down;
  return [
    Math.max(0, Math.floor((cx - half) / cell) * cell),
    Math.max(0, Math.floor((cy - half) / cell) * cell),
    Math.min(width, Math.ceil((cx + half) / cell) * cell),
    Math.min(height, Math.ceil((cy + half) / cell) * cell),
  ];
}

const union = (a: Region, b: Region): Region => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];

/** dlib's faces around `box` (image pixels, dlib's placement), found as a whole-image scan finds them, best first. */
export function detectHogNear(img: RgbImage, model: HogModel, box: Box, adjust = 0): HogDetection[] {
  const levels = pyramidLevels(img.width, img.height, model.minLevelWidth, model.minLevelHeight, model.maxLevels);
  const scan = localLevels(model, Math.sqrt(box[2] * box[3]), levels);
  const top = scan[scan.length - 1]!;
  const steps: DownStep[] = [];
  for (let l = 0, w = img.width, h = img.height; l < top; l++) {
    steps.push(downStep(w, h));
    [w, h] = [steps[l]!.outW, steps[l]!.outH];
  }
  const size = (l: number): [number, number] => (l === 0 ? [img.width, img.height] : [steps[l - 1]!.outW, steps[l - 1]!.outH]);
  const crops = new Map(scan.map((l) => [l, cropOnLevel(box, l, ...size(l), model.cellSize)] as const));
  // What each level must hold: its own crop, if scanned, and what the level below it reads.
  const need: Region[] = [];
  need[top] = crops.get(top)!;
  for (let l = top - 1; l >= 0; l--) {
    const below = sourceRegion(steps[l]!, need[l + 1]!);
    const own = crops.get(l);
    need[l] = own ? union(own, below) : below;
  }
  const wanted = new Map([...crops].filter(([l, c]) => l > 0 && c[2] > c[0] && c[3] > c[1]));
  const parts = pyramidParts(img, steps, need, wanted);
  const candidates: HogDetection[] = [];
  for (const [l, crop] of crops) {
    if (crop[2] <= crop[0] || crop[3] <= crop[1]) continue;
    const view = l === 0 ? cropRgb(img, [crop[0], crop[1], crop[2] - crop[0], crop[3] - crop[1]]) : parts.get(l)!;
    const feats = extractFhog(view, model.cellSize, model.filterHeight, model.filterWidth);
    for (let d = 0; d < model.detectors.length; d++) candidates.push(...levelCandidates(feats, l, model, d, adjust, [crop[0], crop[1]]));
  }
  return dlibSuppress(candidates, model.iouThresh, model.coveredThresh);
}

/**
 * dlib's own box for a face another detector found, when the local look finds it: the window
 * overlapping `mapped` (the detector's box placed as dlib's would be) most, at IoU > the rescue's
 * sameFaceIou (0.3: on the demo photos dlib's box overlapped the mapped one at 0.46–0.85, and
 * windows of other faces in the crop at < 0.1); else null (the mapped box stands).
 */
export function localDlibBox(img: RgbImage, model: HogModel, mapped: Box): Box | null {
  const near = detectHogNear(img, model, mapped).map((d) => ({ box: hogBox(d.rect, 1), score: d.score }));
  return matchHogFaces([{ box: mapped, score: 1 }], near).faces[0]!.dlibBox ?? null;
}
