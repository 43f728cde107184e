/**
 * dlib's frontal face detector (get_frontal_face_detector) in TypeScript: fhog features on every
 * level of a pyramid_down<6> pyramid, each of the five detectors' filters scanned over them,
 * every window scoring at least the detector's bias kept (score − bias is dlib's confidence),
 * then dlib's greedy suppression across all five. Boxes are dlib's own (the ones its 68-point
 * predictor was trained on). `adjust` lowers (negative) or raises the threshold as dlib's
 * adjust_threshold does.
 */
import type { RgbImage } from '../../images/decode.js';
import { extractFhog, type Fhog } from './fhog.js';
import type { HogModel } from './model.js';
import { dlibSuppress, type DlibRect } from './overlap.js';
import { pyramidDown, pyramidLevels, rectUp } from './pyramid.js';
import { saliency, validArea } from './scan.js';

export interface HogDetection {
  /** dlib rectangle: left, top, right, bottom, inclusive, in the image's pixels. */
  rect: DlibRect;
  /** dlib's detection_confidence: the window's score above its detector's bias. */
  score: number;
  /** Which of the model's detectors fired (dlib's weight_index: front, left, right, front rotated left, right). */
  detector: number;
}

/** The fhog features of every level scanned, one level at a time: level 0 is the image itself. */
export function* fhogLevels(img: RgbImage, model: HogModel): Generator<Fhog> {
  const levels = pyramidLevels(img.width, img.height, model.minLevelWidth, model.minLevelHeight, model.maxLevels);
  let level = img;
  for (let l = 0; l < levels; l++) {
    if (l > 0) level = pyramidDown(level);
    yield extractFhog(level, model.cellSize, model.filterHeight, model.filterWidth);
  }
}

export function fhogPyramid(img: RgbImage, model: HogModel): Fhog[] {
  return [...fhogLevels(img, model)];
}

/** fhog_to_image for one coordinate of a window corner: cell → the centre of that cell in the level's pixels. */
function cellToPixel(p: number, pad: number, cellSize: number): number {
  const v = (p + 1 - Math.trunc((pad - 1) / 2)) * cellSize + 1;
  return v + (v >= 0 ? 1 : -1) * Math.trunc(cellSize / 2);
}

/**
 * The windows of one detector on one level (l: its index) scoring at least bias + adjust; `origin`
 * is where the features' image starts in the level (a part of it cut on the cell grid: hog/local.ts).
 */
export function levelCandidates(level: Fhog, l: number, model: HogModel, d: number, adjust = 0, origin: readonly [number, number] = [0, 0]): HogDetection[] {
  const { filterWidth: fw, filterHeight: fh, cellSize } = model;
  const out: HogDetection[] = [];
  if (level.rows === 0) return out;
  const det = model.detectors[d]!;
  const { top, bottom, left, right } = validArea(level, fw, fh);
  const sal = saliency(level, det, fw, fh);
  const thresh = det.bias + adjust;
  for (let r = top; r < bottom; r++) {
    for (let c = left; c < right; c++) {
      const s = sal[r * level.cols + c]!;
      if (s < thresh) continue;
      const l0 = c - Math.trunc(fw / 2), t0 = r - Math.trunc(fh / 2);
      const [ox, oy] = origin;
      const cell: DlibRect = [ox + cellToPixel(l0, fw, cellSize), oy + cellToPixel(t0, fh, cellSize), ox + cellToPixel(l0 + fw - 1, fw, cellSize), oy + cellToPixel(t0 + fh - 1, fh, cellSize)];
      out.push({ rect: rectUp(cell, l), score: s - det.bias, detector: d });
    }
  }
  return out;
}

/** Every window of every level scoring at least bias + adjust, per detector, before suppression. */
export function hogCandidates(feats: readonly Fhog[], model: HogModel, adjust = 0): HogDetection[] {
  return feats.flatMap((level, l) => model.detectors.flatMap((_, d) => levelCandidates(level, l, model, d, adjust)));
}

export function detectHog(img: RgbImage, model: HogModel, adjust = 0): HogDetection[] {
  return dlibSuppress(hogCandidates(fhogPyramid(img, model), model, adjust), model.iouThresh, model.coveredThresh);
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * detectHog for a host's thread: the same work, with the event loop given a turn after each
 * level's features and each detector's scan of it (each at most ~15 ms on a 1280-px photo here,
 * the whole ~0.13 s with the WebAssembly loops; ~50 ms and 0.4–0.8 s in JavaScript), so a
 * detection never holds the window or the socket for long.
 */
export async function detectHogAsync(img: RgbImage, model: HogModel, adjust = 0): Promise<HogDetection[]> {
  const candidates: HogDetection[] = [];
  let l = 0;
  for (const level of fhogLevels(img, model)) {
    for (let d = 0; d < model.detectors.length; d++) {
      await turn();
      candidates.push(...levelCandidates(level, l, model, d, adjust));
    }
    l++;
    await turn();
  }
  return dlibSuppress(candidates, model.iouThresh, model.coveredThresh);
}
