/**
 * The 'auto' detector: Tiny YOLO v2 at 416 first, SSD MobileNetV1 at 512 only when tiny is
 * unsure, so a clear photo costs the tiny net (detect + landmarks ~10 ms on the bench's 1024×768
 * photo, SSD ~33 ms) and a hard one gets SSD's faces — the reference every committed number was
 * made with.
 *
 * The thresholds come from build/recipes/faceapi/tiny-box-calibration.ts run over the 6 demo
 * photos (22 faces) and the 170 AutoToon photos and caricatures (one face each), compared with
 * SSD at face-api's settings (score 0.5), and over the demo photos at 640 px with their 48
 * drawing-style renders (54 images, made as tests/integration/style-detect.test.ts makes them):
 * - candidates above 0.1: a face SSD finds that tiny scores low must show up as a doubtful
 *   candidate and veto the fast path. On photos the lowest such score was 0.29 (sample2); on the
 *   drawing styles tiny sees much less than SSD, and faces only SSD found scored down to 0.11
 *   (sample1 pop). With 0.25, 5 of the 54 renders lost a face on the fast path; with 0.1, none.
 * - fast path only if every candidate scores ≥ 0.6: the best-scoring tiny box that matched no
 *   SSD face on the photos was 0.54 (sample6: one box over two neighbours), the next 0.41;
 * - box aspect (w/h) within 0.8–1.45: tiny boxes of real faces measured 0.90–1.31. A guard
 *   against one box over two side-by-side faces; sample6's merged box (over two faces at
 *   different heights) was not wide (0.99): its score and the overlap rule caught it;
 * - no two candidates overlap by IoU > 0.1: boxes of distinct faces never overlapped (max 0.00),
 *   sample6's merged box overlaps both its neighbours by ~0.25.
 * With these, 152 of the 176 photos took the fast path (151 of 170 AutoToon images; of the demo
 * group photos only sample5) and every one gave SSD's faces (same count, mapped box IoU ≥ 0.5);
 * 3 of the 54 images at 640 px did, also with SSD's faces. The rest fell back to SSD. The recipe
 * prints the photo evaluation and stores it in tiny-box-map.json.
 */
import type { RgbImage } from '../images/decode.js';
import type { InferenceService } from '../inference/service.js';
import type { DetectorNet, ProviderName } from '../../../common/names.js';
import { boxIou } from './nms.js';
import { detectSsd } from './ssd.js';
import { detectTiny } from './tiny.js';
import { mapBox, TINY_TO_SSD } from './tiny-box.js';
import { addHogFaces, oldPrint, poorTone, rescue, RESCUE } from './rescue.js';
import { toneStats } from './tone.js';
import type { DetectorOptions, RawDetection } from './types.js';

export const CASCADE = {
  candidateScore: 0.1,
  confidentScore: 0.6,
  minAspect: 0.8,
  maxAspect: 1.45,
  maxOverlap: 0.1,
} as const;

/** Why tiny's candidates (score > CASCADE.candidateScore) can't be trusted alone; null if they can. */
export function fastPathRejection(candidates: readonly RawDetection[]): string | null {
  if (candidates.length === 0) return 'no candidate';
  for (const { box, score } of candidates) {
    if (score < CASCADE.confidentScore) return `a doubtful candidate (score ${score.toFixed(2)})`;
    const aspect = box[2] / box[3];
    if (!(aspect >= CASCADE.minAspect && aspect <= CASCADE.maxAspect)) return `an implausible box shape (w/h ${aspect.toFixed(2)})`;
  }
  for (let i = 0; i < candidates.length; i++) {
    for (let j = i + 1; j < candidates.length; j++) {
      if (boxIou(candidates[i]!.box, candidates[j]!.box) > CASCADE.maxOverlap) return 'overlapping candidates';
    }
  }
  return null;
}

export interface DetectorResult {
  detections: RawDetection[];
  provider: ProviderName;
  /** The net whose faces these are. */
  detector: DetectorNet;
}

/**
 * Fast path: tiny's faces with their boxes mapped to SSD-like ones (tiny-box.ts), so the landmark
 * crop matches SSD's. `opts` are SSD's (face-api's defaults unless given); tiny's candidate
 * threshold is the cascade's own. This is the cascade as it was before the rescue pass; 'auto'
 * is detectAuto.
 */
export async function detectCascade(inference: InferenceService, image: RgbImage, opts: DetectorOptions = {}): Promise<DetectorResult> {
  const tiny = await detectTiny(inference, image, { minConfidence: CASCADE.candidateScore, maxResults: opts.maxResults });
  if (fastPathRejection(tiny.detections) === null) return fastPath(tiny.detections, tiny.provider);
  return { ...(await detectSsd(inference, image, opts)), detector: 'ssd' };
}

function fastPath(detections: RawDetection[], provider: ProviderName): DetectorResult {
  return { detections: detections.map((d) => ({ box: mapBox(d.box, TINY_TO_SSD), score: d.score })), provider, detector: 'tiny' };
}

/**
 * The 'auto' detector: the cascade, and when tiny is unsure, SSD with the rescue pass
 * (rescue.ts) for photos whose result is suspicious. An old print (faded or greyscale) never
 * takes the fast path: the cascade's thresholds were calibrated on colour photos only, and the
 * issue's greyscale portrait is where a confident false face appeared. A fast path in blown
 * highlights also gets dlib's HOG detector's faces (rescue.ts addHogFaces).
 */
export async function detectAuto(inference: InferenceService, image: RgbImage, opts: DetectorOptions = {}): Promise<DetectorResult> {
  const tone = toneStats(image);
  if (!oldPrint(tone)) {
    const tiny = await detectTiny(inference, image, { minConfidence: CASCADE.candidateScore, maxResults: opts.maxResults });
    if (fastPathRejection(tiny.detections) === null) {
      const fast = fastPath(tiny.detections, tiny.provider);
      // Blown highlights: tiny is sure of the faces it sees, and misses others in the glare that HOG finds.
      return poorTone(tone) ? { ...fast, detections: await addHogFaces(inference, image, fast.detections) } : fast;
    }
  }
  const minConfidence = opts.minConfidence ?? RESCUE.acceptScore;
  const ssd = await detectSsd(inference, image, { ...opts, minConfidence: Math.min(minConfidence, RESCUE.faintScore, RESCUE.blownScore) });
  const rescued = await rescue(inference, image, ssd.detections, tone, minConfidence);
  return { detections: rescued.detections, provider: ssd.provider, detector: 'ssd' };
}
