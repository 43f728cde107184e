/**
 * detectFaces: every face in a photo with its box, score, 68 landmarks (image pixels), its
 * canonical-frame transform and warnings, largest face first. Descriptors are not computed here
 * (see descriptor.ts) so a drop costs only the detector and one batched landmark run.
 */
import type { RgbImage } from '../images/decode.js';
import type { InferenceService } from '../inference/service.js';
import { ServiceError } from '../../../common/errors.js';
import { canonicalTransform, rollDegrees, type Affine } from '../../../common/face68/align.js';
import { detectAuto, type DetectorResult } from './cascade.js';
import { detectLandmarks } from './landmarks.js';
import { DLIB_LANDMARKS_MODEL, isModelMissing, loadShapeModel } from './dlib/load.js';
import { preciseLandmarks } from './dlib/precise.js';
import type { ShapeModel } from './dlib/model.js';
import { detectSsd } from './ssd.js';
import { detectTiny } from './tiny.js';
import { clearedHogModel, detectHogFaces } from './hog/faces.js';
import { localDlibBox } from './hog/local.js';
import type { HogModel } from './hog/model.js';
import { dlibBoxFromDetector } from './dlib/boxes.js';
import type { Box, Point } from '../../../common/geometry.js';
import type { DetectorName, DetectorNet, LandmarkName, ProviderName } from '../../../common/names.js';
import type { DetectorOptions, RawDetection } from './types.js';

/** Below this box side (px) the 112-px landmark crop is upsampled and points get imprecise. */
export const TINY_FACE_PX = 64;
/** Beyond this roll the nets, trained on mostly upright faces, drift. */
export const MAX_ROLL_DEG = 30;

/**
 * 'auto' (cascade.ts) is the default: Tiny YOLO v2 at 416 when it is sure of every face, else
 * SSD MobileNetV1 at 512 — SSD's recall at close to tiny's speed — and, when SSD's result is
 * suspicious (no face, doubtful candidates, an old print's or blown tones, faces near SSD's size
 * limit), a rescue pass (rescue.ts) for faded, overexposed and small faces. 'tiny' and 'ssd' alone decode
 * exactly as face-api does (the equivalence tests pin them); alone, tiny misses small faces of
 * group photos at face-api's settings (3 of the 22 faces SSD finds on the demo photos, 8 of 170
 * AutoToon photos and caricatures) and boxes two neighbours as one extra face in sample6.
 * 'hog' is dlib's HOG detector (hog/): frontal faces of 80 px and more, in TypeScript on the CPU,
 * slower than the nets but sure on greyscale and overexposed photos; its boxes are the ones dlib's
 * predictor was trained on. It keeps dlib's own threshold (minConfidence is the nets').
 */
export type { DetectorName, LandmarkName };
export const DEFAULT_DETECTOR: DetectorName = 'auto';
export const DEFAULT_LANDMARKS: LandmarkName = 'precise';

export const PRECISE_MODEL_MISSING =
  "The precise landmark model (native-models/dlib-landmarks68.bin) is not built, so the fast landmarks were used; run 'npm run models' to build it.";
export const PRECISE_MODEL_NOT_CLEARED =
  'The precise landmark model is not cleared for commercial use, so the fast landmarks were used ("Only models cleared for commercial use" is on).';

export interface DetectOptions extends DetectorOptions {
  /** With 'auto', minConfidence is SSD's (tiny's candidate threshold is the cascade's); maxResults bounds both. */
  detector?: DetectorName;
  landmarks?: LandmarkName;
  /**
   * With the precise landmarks: look for dlib's own box around each face the detector found
   * (hog/local.ts) instead of taking its box mapped onto dlib's convention (the default; false
   * keeps the mapped box, as the recipes whose committed numbers were made with it do). It brings
   * the points to dlib's own on upright faces (NME vs dlib C++ on the demo photos 3.01 → 1.26 %,
   * where the tilted faces' upright rerun is the rest; AutoToon 0.91 → 0.00 %) for ~5 ms of CPU a
   * face (the bench's 1024×768 photo: its pyramid, fhog and scan run in WebAssembly on the
   * regions the look needs). Where "Only models cleared for commercial use" excludes the HOG
   * model (clearedHogModel) the mapped box stands. FaceService and CLI `detect` both take this
   * default: a test holds their points equal.
   */
  localHog?: boolean;
}

function runDetector(inference: InferenceService, image: RgbImage, detector: DetectorName, opts: DetectorOptions): Promise<DetectorResult> {
  if (detector === 'auto') return detectAuto(inference, image, opts);
  if (detector === 'hog') return detectHogFaces(inference, image, opts.maxResults).then((detections) => ({ detections, provider: 'cpu', detector }));
  const detect = detector === 'tiny' ? detectTiny : detectSsd;
  return detect(inference, image, opts).then((r) => ({ ...r, detector }));
}

export interface Face {
  box: Box;
  score: number;
  landmarks: Point[];
  /** Image → canonical 256×256 frame (see common/face68/align.ts). */
  canonical: Affine;
  warnings: string[];
}

export interface FaceDetection {
  width: number;
  height: number;
  provider: ProviderName;
  /** The net whose boxes these are ('auto' runs tiny, and SSD when tiny is unsure). */
  detector: DetectorNet;
  /** The landmark model that placed the points ('fast' when 'precise' was asked but is not built). */
  landmarks: LandmarkName;
  faces: Face[];
  warnings: string[];
}

/**
 * For a face the net found where dlib's own detector, looking right there, sees no face (its five
 * filters cover frontal faces turned up to about 45° and rolled a little): dlib's predictor was
 * trained on the faces that detector finds, and fits a frontal shape to whatever it is given. On
 * the demo photos this is 3 of 22 faces: sample2's profile face, whose points dlib lays over the
 * cheek (7 of its 9 organ checks miss), a downcast face under a fringe and a face turned away.
 */
export const UNSEEN_FACE_WARNING =
  "dlib's face detector does not see a frontal face here (a face in profile, turned away or covered?), so the landmarks may be off; check them before exaggerating.";

/** `seen`: whether dlib's own detector found this face (undefined: it was not asked). */
export function faceWarnings(box: Box, landmarks: Point[], seen?: boolean): string[] {
  const warnings: string[] = [];
  if (seen === false) warnings.push(UNSEEN_FACE_WARNING);
  const side = Math.min(box[2], box[3]);
  if (side < TINY_FACE_PX) {
    warnings.push(`The face is small (${Math.round(side)} px); landmarks may be imprecise, a larger photo works better.`);
  }
  const roll = rollDegrees(landmarks);
  if (Math.abs(roll) > MAX_ROLL_DEG) {
    warnings.push(`The face is tilted by ${Math.round(Math.abs(roll))}°; landmarks may be imprecise, an upright face works better.`);
  }
  return warnings;
}

/**
 * The precise model, or why it can't be used: not built here, or not cleared while "Only models
 * cleared for commercial use" is on (dlib's file is trained on iBUG 300-W). Either way the fast
 * landmarks stand in, with one sentence saying so.
 */
async function preciseModel(inference: InferenceService): Promise<ShapeModel | 'missing' | 'not-cleared'> {
  if (!(await inference.cleared(DLIB_LANDMARKS_MODEL))) return 'not-cleared';
  try {
    const model = await loadShapeModel(inference.modelsDir);
    inference.note([DLIB_LANDMARKS_MODEL]);
    return model;
  } catch (e) {
    if (isModelMissing(e)) return 'missing';
    throw e;
  }
}

/** A face's points, and whether dlib's own detector found that face (undefined: it was not asked). */
interface Placed {
  points: Point[] | null;
  seen?: boolean;
}

async function placeLandmarks(inference: InferenceService, image: RgbImage, detections: RawDetection[], detector: DetectorName, model: ShapeModel | null, hog: HogModel | null): Promise<Placed[]> {
  if (!model) return (await detectLandmarks(inference, image, detections.map((d) => d.box))).map((points) => ({ points }));
  // 'auto' hands back SSD-like boxes whichever net found them; only 'tiny' alone gives raw tiny boxes.
  const style = detector === 'tiny' ? 'tiny' : 'ssd';
  return detections.map((d) => {
    if (d.dlibBox) return { points: preciseLandmarks(model, image, d.dlibBox, 'dlib').points, seen: true };
    const own = hog ? localDlibBox(image, hog, dlibBoxFromDetector(d.box, style)) : null;
    const points = (own ? preciseLandmarks(model, image, own, 'dlib') : preciseLandmarks(model, image, d.box, style)).points;
    return hog ? { points, seen: own !== null } : { points };
  });
}

export async function detectFaces(inference: InferenceService, image: RgbImage, opts: DetectOptions = {}): Promise<FaceDetection> {
  const { detector = DEFAULT_DETECTOR, landmarks: asked = DEFAULT_LANDMARKS, localHog = true, ...detectorOpts } = opts;
  const [{ detections, provider, detector: used }, precise] = await Promise.all([
    runDetector(inference, image, detector, detectorOpts),
    asked === 'precise' ? preciseModel(inference) : null,
  ]);
  const model = typeof precise === 'object' ? precise : null;
  const hog = model && localHog && detections.some((d) => !d.dlibBox) ? await clearedHogModel(inference) : null;
  const landmarks = await placeLandmarks(inference, image, detections, detector, model, hog);
  const faces: Face[] = [];
  detections.forEach((d, i) => {
    const { points, seen } = landmarks[i]!;
    if (!points) return;
    faces.push({ box: d.box, score: d.score, landmarks: points, canonical: canonicalTransform(points), warnings: faceWarnings(d.box, points, seen) });
  });
  faces.sort((a, b) => b.box[2] * b.box[3] - a.box[2] * a.box[3]);
  const warnings = faces.length === 0 ? ['No face was found in the photo.'] : [];
  if (precise === 'missing') warnings.push(PRECISE_MODEL_MISSING);
  if (precise === 'not-cleared') warnings.push(PRECISE_MODEL_NOT_CLEARED);
  return { width: image.width, height: image.height, provider, detector: used, landmarks: model ? 'precise' : 'fast', faces, warnings };
}

/** For callers that need a face (CLI detect, IPC): no face is an error with one clear sentence. */
export function requireFaces(d: FaceDetection): FaceDetection {
  if (d.faces.length === 0) {
    throw new ServiceError('no-face', 'No face was found in the photo; try a sharper, front-facing photo where the face is at least 64 pixels tall.');
  }
  return d;
}
