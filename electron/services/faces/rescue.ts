/**
 * The rescue pass behind the 'auto' detector, for the photos face-api's nets fail on: old
 * faded or greyscale prints, faces in strong light, and faces too small for SSD's 512-px view
 * of the whole photo. It runs only when the ordinary result is suspicious (rescueReasons): no
 * face, SSD candidates it is unsure of (faint ones included: small at its input or mostly
 * blown, faintCandidate), a poor tone range, or faces near SSD's size limit; a clear photo never
 * pays for it.
 *
 * Extra candidates come from SSD on the photo (tone-normalised by tone.ts where its tone is
 * poor) and on 2×2 overlapping tiles of it (each tile seen at ~1.7× the resolution). A candidate
 * counts only after a second look: SSD on a crop around it (2.5× its size) with the crop's own
 * tones normalised, where the false candidates measured (a glass, a badge, folds of clothes,
 * blown walls) scored ≤ 0.08 and most real faces higher; a passed candidate takes the box the
 * second look saw. Faces SSD accepts on the photo stand as they are, so a clear photo's result
 * never changes; once the rescue runs, those below sureScore need a trace on the second look.
 * Thresholds and the measurements behind them: build/eval/detector-recall.ts.
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
import { blownFraction, normaliseTone, toneStats, type ToneStats } from './tone.js';
import { detectHogFaces } from './hog/faces.js';
import type { RawDetection } from './types.js';

export const RESCUE = {
  /** SSD candidates above this and at most face-api's 0.5 are doubtful: a face SSD half sees. */
  candidateScore: 0.3,
  acceptScore: 0.5,
  /**
   * Faint candidates (faintCandidate) are doubtful too: small at SSD's input above faintScore,
   * mostly blown above blownScore. SSD's scores fall at its size limit and further where a
   * face's tones are lost (sample6 in strong light: a face at 0.06 on the photo, 0.63 on the
   * second look); there only the second look, which sees the face larger, tells.
   */
  faintScore: 0.15,
  blownScore: 0.05,
  /** A box with at least this fraction of blown pixels is mostly blown. */
  blownBox: 0.5,
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
  /**
   * Candidates from different passes are the same box above this IoU (SSD's own NMS threshold):
   * one second look serves them all, while a face's other framings get their own.
   */
  sameBoxIou: 0.5,
  /** A box with more than this fraction of its area inside a face's box is part of that face. */
  insideFace: 0.5,
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

/** Intersection over the smaller box's area: 1 when one box lies inside the other. */
export function containment(a: Box, b: Box): number {
  const w = Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]);
  const smaller = Math.min(a[2] * a[3], b[2] * b[3]);
  return w <= 0 || h <= 0 || smaller <= 0 ? 0 : (w * h) / smaller;
}

/**
 * Whether two boxes frame one face: they overlap (IoU > sameFaceIou), or one lies mostly inside
 * the other (a box on an eye or the mouth of a face already found: AutoToon 00037 in strong
 * light); boxes of distinct faces never overlapped on the photos measured.
 */
export function sameFace(a: Box, b: Box): boolean {
  return boxIou(a, b) > RESCUE.sameFaceIou || containment(a, b) > RESCUE.insideFace;
}

/** Whether a box is below SSD's size limit (smallFaceInputPx) at its 512-px view of the photo. */
export function smallAtInput(box: Box, width: number, height: number): boolean {
  return Math.min(box[2], box[3]) * (SSD_INPUT / Math.max(width, height)) < RESCUE.smallFaceInputPx;
}

/**
 * A candidate SSD scores below candidateScore that still deserves a second look: small at its
 * input or mostly blown, where SSD's score says little (see RESCUE.faintScore). Measured on the
 * demo photos' variants and every fifth AutoToon photo's (build/eval/detector-recall.ts): the
 * faces among such candidates scored 0.04–0.83 on the second look, most of them over 0.1; the
 * rest (folds of clothes, blown walls, hands) at most 0.08.
 */
export function faintCandidate(img: RgbImage, c: RawDetection): boolean {
  if (c.score > RESCUE.faintScore && smallAtInput(c.box, img.width, img.height)) return true;
  return c.score > RESCUE.blownScore && blownFraction(img, c.box) >= RESCUE.blownBox;
}

/** Why the ordinary result may be missing faces or holding false ones (empty: trust it). */
export function rescueReasons(candidates: readonly RawDetection[], tone: ToneStats, width: number, height: number, accept: number = RESCUE.acceptScore): string[] {
  const reasons: string[] = [];
  const faces = candidates.filter((c) => c.score > accept);
  if (faces.length === 0) reasons.push('no face');
  if (candidates.some((c) => c.score <= accept)) reasons.push('doubtful candidates');
  if (poorTone(tone)) reasons.push('poor tone');
  if (faces.some((f) => smallAtInput(f.box, width, height))) reasons.push('small faces');
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

/** What the second look saw of a candidate: SSD's best score there, and that face's box (null: none). */
export interface Look {
  score: number;
  box: Box | null;
}

/**
 * The second look: SSD on the zoomed crop around a candidate, seen twice — as it is, and with
 * its tones normalised by the crop's own measure (tone.ts) — the better view counting. The crop
 * as it is keeps a face of fair tone as SSD learnt it (The Scream's face: 0.15 so, 0.09
 * normalised); its own levels lift a face out of a dark photo's blown highlight or a faded
 * print's grey, which the whole photo's levels do not (sample1's tilted face in strong light:
 * 0.33 so, 0.25 as it is, 0.12 with the photo's levels). On the photos measured, the false
 * candidates SSD scored as faces or faint faces stayed ≤ 0.08 in both views. Returns the best
 * face overlapping the candidate, whose box frames it better than the candidate's own (seen at
 * up to 4× the resolution).
 */
export async function secondLook(inference: InferenceService, img: RgbImage, box: Box): Promise<Look> {
  const region = zoomCrop(box, img.width, img.height);
  const crop = cropRgb(img, region);
  let best: Look = { score: 0, box: null };
  for (const view of [crop, normaliseTone(crop)]) {
    for (const d of (await detectSsd(inference, view, { minConfidence: 0.01 })).detections) {
      const found = shift(d, region[0], region[1]);
      if (boxIou(found.box, box) >= RESCUE.sameFaceIou && found.score > best.score) best = found;
    }
  }
  return best;
}

/** Greedy merge best first: a candidate overlapping a kept one (IoU > sameBoxIou) is the same box. */
export function mergeCandidates(cands: readonly RawDetection[]): RawDetection[] {
  const kept: RawDetection[] = [];
  for (const c of [...cands].sort((a, b) => b.score - a.score)) if (kept.every((k) => boxIou(k.box, c.box) <= RESCUE.sameBoxIou)) kept.push(c);
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
 * is (tone normalisation lost faces it finds there: AutoToon grey and faded); a HOG face keeps
 * dlib's box whatever the second look saw.
 */
export async function addHogFaces(inference: InferenceService, img: RgbImage, faces: readonly RawDetection[]): Promise<RawDetection[]> {
  const { faces: out, unmatched } = matchHogFaces(faces, await detectHogFaces(inference, img));
  for (const h of unmatched) if (h.score >= RESCUE.hogScore || (await secondLook(inference, img, h.box)).score >= RESCUE.lookScore) out.push(h);
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
 * The faces of a photo from SSD's candidates on it (score > candidateScore, or faint): those SSD
 * accepts (score > accept), plus, when the result is suspicious, the rescued ones that pass a
 * second look. The extra passes see the tone-normalised photo only when its tone is poor: on a
 * photo of fair tone the stretch and gamma only move a face's tones away from the ones SSD
 * learnt (sample1's tilted face, small, scored 0.83 on the second look and 0.05 on the photo
 * normalised). Candidates are looked at best first; one that fails does not hide a differently
 * framed box of the same face (sample1's small tilted face: a tall box of it failed, a tight one
 * passed).
 */
export async function rescue(inference: InferenceService, img: RgbImage, ssd: readonly RawDetection[], tone: ToneStats = toneStats(img), accept: number = RESCUE.acceptScore): Promise<Rescue> {
  const candidates = ssd.filter((d) => d.score > Math.min(accept, RESCUE.candidateScore) || faintCandidate(img, d));
  const accepted = candidates.filter((d) => d.score > accept);
  const reasons = rescueReasons(candidates, tone, img.width, img.height, accept);
  if (reasons.length === 0) return { detections: accepted, reasons };
  const view = poorTone(tone) ? normaliseTone(img, tone) : img;
  const extra: RawDetection[] = candidates.filter((d) => d.score <= accept);
  if (view !== img) extra.push(...(await ssdOn(inference, view, null, RESCUE.candidateScore)));
  // Tiles (four SSD runs) only where faces may be missing, not for tone alone.
  if (reasons.some((r) => r !== 'poor tone')) for (const t of tiles(img.width, img.height)) extra.push(...(await ssdOn(inference, view, t, RESCUE.candidateScore)));
  // SSD's own faces below sureScore need a clear second look too, once the photo is in doubt
  // (sample1 in strong light: a wine glass on a checked shirt at 0.58, 0.08 on the look; the
  // faces SSD accepted below 0.6 on the photos measured scored 0.38–0.95).
  const keep: RawDetection[] = [];
  for (const d of accepted) if (d.score >= RESCUE.sureScore || (await secondLook(inference, img, d.box)).score >= RESCUE.lookScore) keep.push(d);
  const known = (box: Box) => keep.some((k) => sameFace(k.box, box));
  for (const c of mergeCandidates(extra)) {
    if (known(c.box)) continue;
    const look = await secondLook(inference, img, c.box);
    if (!passesSecondLook(c.score, look.score)) continue;
    // The second look's box where it saw the face clearly; a sure candidate's own box where it saw only a trace.
    const face = look.score >= RESCUE.lookScore ? look.box! : c.box;
    if (!known(face)) keep.push({ box: face, score: c.score });
  }
  if (!reasons.includes('poor tone') && !reasons.includes('no face')) return { detections: keep, reasons };
  return { detections: await addHogFaces(inference, img, keep), reasons };
}
