/**
 * The rescue pass behind the 'auto' detector, for the photos face-api's nets fail on: old
 * faded or greyscale prints, faces in strong light, and faces too small for SSD's 512-px view
 * of the whole photo. It runs only when the ordinary result is suspicious (rescueReasons): no
 * face, SSD candidates it is unsure of, a poor tone range, or faces near SSD's size limit; a
 * clear photo never pays for it.
 *
 * Extra candidates come from SSD on the tone-normalised photo (tone.ts) and on 2×2 overlapping
 * tiles of it (each tile seen at ~1.7× the resolution). A candidate counts only after a second
 * look: SSD on a crop around it (2.5× its size), where the false candidates measured (a glass,
 * a badge, folds of clothes) scored ≤ 0.06 and most real faces higher. Faces SSD accepts on the
 * photo itself stand as they are, so a clear photo's result never changes. Thresholds and the
 * measurements behind them: build/eval/detector-recall.ts.
 *
 * On an old print, in strong light or when nothing was found, dlib's HOG detector (hog/) also
 * looks at the photo: gradients normalised per block keep a face SSD loses in blown or flat
 * tones. Its faces join when it is sure (confidence ≥ hogScore) or the second look agrees, and a
 * face it also found keeps its box for the precise landmarks (dlibBox): dlib's own box, no
 * mapping. Measured on the demo and every third AutoToon photo in all variants (scratch
 * measurement, build/eval/detector-recall.ts has the totals): no HOG face was false; the real
 * faces SSD missed that HOG found scored 0.21–1.9, the two below 0.3 passed the second look.
 */
import type { RgbImage } from '../images/decode.js';
import type { InferenceService } from '../inference/service.js';
import type { Box } from '../../../common/geometry.js';
import { cropRgb } from './crop.js';
import { boxIou } from './nms.js';
import { detectSsd, SSD_INPUT } from './ssd.js';
import { normaliseTone, toneStats, type ToneStats } from './tone.js';
import { detectHogFaces } from './hog/faces.js';
import type { RawDetection } from './types.js';

export const RESCUE = {
  /** SSD candidates above this and at most face-api's 0.5 are doubtful: a face SSD half sees. */
  candidateScore: 0.3,
  acceptScore: 0.5,
  /**
   * A new candidate is a face when its second look scores at least lookScore, or when its pass
   * scored at least sureScore and the second look sees anything there (≥ sureLook).
   */
  lookScore: 0.1,
  sureScore: 0.6,
  sureLook: 0.05,
  /** The second look's crop: this many times the box's longer side, around its centre. */
  verifyZoom: 2.5,
  /** Faces below this side (px at SSD's 512-px input) are near its limit: smaller ones nearby may be missed. */
  smallFaceInputPx: 28,
  /** Poor tone: luma 1st–99th percentile span below this, or this fraction of pixels blown, or a greyscale photo. */
  minToneSpan: 100,
  maxClipped: 0.15,
  greyChroma: 3,
  /** Candidates from different passes are one face above this IoU. */
  sameFaceIou: 0.3,
  /** A HOG face SSD did not find joins at this dlib confidence without a second look (see the header). */
  hogScore: 0.3,
} as const;

/** A faded or greyscale print: what an old portrait looks like. */
export function oldPrint(s: ToneStats): boolean {
  return s.high - s.low < RESCUE.minToneSpan || s.chroma < RESCUE.greyChroma;
}

/**
 * An old print, or blown highlights. Blown pixels alone also mark a portrait on a white studio
 * backdrop (4 of the 85 AutoToon photos, 44–62 % of pixels), so they only ever add the rescue
 * pass to SSD's result, never turn away tiny's fast path.
 */
export function poorTone(s: ToneStats): boolean {
  return oldPrint(s) || s.clipped > RESCUE.maxClipped;
}

/** Why the ordinary result may be missing faces or holding false ones (empty: trust it). */
export function rescueReasons(candidates: readonly RawDetection[], tone: ToneStats, width: number, height: number, accept: number = RESCUE.acceptScore): string[] {
  const reasons: string[] = [];
  const faces = candidates.filter((c) => c.score > accept);
  if (faces.length === 0) reasons.push('no face');
  if (candidates.some((c) => c.score <= accept)) reasons.push('doubtful candidates');
  if (poorTone(tone)) reasons.push('poor tone');
  const toInput = SSD_INPUT / Math.max(width, height);
  if (faces.some((f) => Math.min(f.box[2], f.box[3]) * toInput < RESCUE.smallFaceInputPx)) reasons.push('small faces');
  return reasons;
}

/** 2×2 tiles of 60 % of each side, overlapping by 20 %: integer [x, y, w, h]. */
export function tiles(width: number, height: number): Array<[number, number, number, number]> {
  const w = Math.round(0.6 * width);
  const h = Math.round(0.6 * height);
  const out: Array<[number, number, number, number]> = [];
  for (const y of [0, height - h]) for (const x of [0, width - w]) out.push([x, y, w, h]);
  return out;
}

/** The second look's crop around a box: integer, clipped to the image. */
export function zoomCrop([x, y, w, h]: Box, width: number, height: number): [number, number, number, number] {
  const side = RESCUE.verifyZoom * Math.max(w, h);
  const x0 = Math.max(0, Math.floor(x + w / 2 - side / 2));
  const y0 = Math.max(0, Math.floor(y + h / 2 - side / 2));
  const x1 = Math.min(width, Math.ceil(x + w / 2 + side / 2));
  const y1 = Math.min(height, Math.ceil(y + h / 2 + side / 2));
  return [x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0)];
}

const shift = (d: RawDetection, dx: number, dy: number): RawDetection => ({ box: [d.box[0] + dx, d.box[1] + dy, d.box[2], d.box[3]], score: d.score });

/** SSD's candidates on a region of the image, in image pixels. */
async function ssdOn(inference: InferenceService, img: RgbImage, region: [number, number, number, number] | null, minConfidence: number): Promise<RawDetection[]> {
  const part = region ? cropRgb(img, region) : img;
  const { detections } = await detectSsd(inference, part, { minConfidence });
  return region ? detections.map((d) => shift(d, region[0], region[1])) : detections;
}

/** The second look: SSD's best score on the zoomed crop for a box overlapping the candidate. */
export async function secondLook(inference: InferenceService, img: RgbImage, box: Box): Promise<number> {
  const found = await ssdOn(inference, img, zoomCrop(box, img.width, img.height), 0.01);
  return found.reduce((best, d) => (boxIou(d.box, box) >= RESCUE.sameFaceIou ? Math.max(best, d.score) : best), 0);
}

/** Greedy merge best first: a candidate overlapping a kept one (IoU > sameFaceIou) is the same face. */
export function mergeCandidates(cands: readonly RawDetection[]): RawDetection[] {
  const kept: RawDetection[] = [];
  for (const c of [...cands].sort((a, b) => b.score - a.score)) if (kept.every((k) => boxIou(k.box, c.box) <= RESCUE.sameFaceIou)) kept.push(c);
  return kept;
}

/**
 * Gives each face the HOG face that overlaps it most (IoU > sameFaceIou) as its dlibBox; returns
 * the faces and the HOG faces that overlap none of them (new candidates).
 */
export function matchHogFaces(faces: readonly RawDetection[], hog: readonly RawDetection[]): { faces: RawDetection[]; unmatched: RawDetection[] } {
  const used = new Set<number>();
  const out = faces.map((f) => {
    let best = -1;
    let bestIou: number = RESCUE.sameFaceIou;
    hog.forEach((h, i) => {
      const iou = boxIou(f.box, h.box);
      if (!used.has(i) && iou > bestIou) { best = i; bestIou = iou; }
    });
    if (best < 0) return f;
    used.add(best);
    return { ...f, dlibBox: hog[best]!.box };
  });
  return { faces: out, unmatched: hog.filter((h, i) => !used.has(i) && faces.every((f) => boxIou(f.box, h.box) <= RESCUE.sameFaceIou)) };
}

/**
 * The faces with dlib's HOG detector's view added (see the header): HOG runs on the photo as it
 * is (tone normalisation lost faces it finds there: AutoToon grey and faded), the second look
 * on `lookImg` (the tone-normalised photo where the caller has it).
 */
export async function addHogFaces(inference: InferenceService, img: RgbImage, faces: readonly RawDetection[], lookImg: RgbImage = img): Promise<RawDetection[]> {
  const { faces: out, unmatched } = matchHogFaces(faces, await detectHogFaces(inference, img));
  for (const h of unmatched) if (h.score >= RESCUE.hogScore || (await secondLook(inference, lookImg, h.box)) >= RESCUE.lookScore) out.push(h);
  return out;
}

export interface Rescue {
  detections: RawDetection[];
  reasons: string[];
}

/** Whether a new candidate (its pass score) with this second look is a face. */
export function passesSecondLook(score: number, look: number): boolean {
  return look >= RESCUE.lookScore || (score >= RESCUE.sureScore && look >= RESCUE.sureLook);
}

/**
 * The faces of a photo from SSD's candidates on it (score > candidateScore): those SSD accepts
 * (score > accept),
 * plus, when the result is suspicious, the rescued ones that pass a second look.
 */
export async function rescue(inference: InferenceService, img: RgbImage, ssd: readonly RawDetection[], tone: ToneStats = toneStats(img), accept: number = RESCUE.acceptScore): Promise<Rescue> {
  const accepted = ssd.filter((d) => d.score > accept);
  const reasons = rescueReasons(ssd, tone, img.width, img.height, accept);
  if (reasons.length === 0) return { detections: accepted, reasons };
  const norm = normaliseTone(img, tone);
  const extra: RawDetection[] = [...ssd.filter((d) => d.score <= accept), ...(await ssdOn(inference, norm, null, RESCUE.candidateScore))];
  // Tiles (four SSD runs) only where faces may be missing, not for tone alone.
  if (reasons.some((r) => r !== 'poor tone')) for (const t of tiles(img.width, img.height)) extra.push(...(await ssdOn(inference, norm, t, RESCUE.candidateScore)));
  const keep = [...accepted];
  const fresh = mergeCandidates(extra).filter((c) => accepted.every((a) => boxIou(a.box, c.box) <= RESCUE.sameFaceIou));
  for (const c of fresh) if (passesSecondLook(c.score, await secondLook(inference, norm, c.box))) keep.push(c);
  if (!reasons.includes('poor tone') && !reasons.includes('no face')) return { detections: keep, reasons };
  return { detections: await addHogFaces(inference, img, keep, norm), reasons };
}
