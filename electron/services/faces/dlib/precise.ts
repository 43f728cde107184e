/**
 * The 'precise' landmarks: dlib's predictor on a detector box mapped to where dlib's own detector
 * would put it, predicted again from the box its first result implies when the two disagree
 * (boxes.ts: judgeBox), and again in an upright view when the face is tilted.
 */
import type { RgbImage } from '../../images/decode.js';
import type { Box, Point } from '../../../../common/geometry.js';
import { dlibBoxFromDetector, judgeBox, toDlibRect, DLIB_BOX_MAPS, type BoxStyle, type DlibBoxMaps } from './boxes.js';
import type { ShapeModel } from './model.js';
import { predictShape } from './predict.js';
import { rollDegrees } from '../../../../common/face68/align.js';

/**
 * Beyond this roll the points are predicted again in a view turned upright (predict.ts View):
 * dlib's trees were trained on upright faces. On the demo photos (sample4's heads are tilted by up
 * to 29°) this brought the points closer even to dlib's own (NME 3.7 → 3.0 %, worst face 12.4 →
 * 10.1 %); AutoToon's upright faces never reach it.
 */
export const ROLL_RERUN_DEG = 15;

export interface PreciseLandmarks {
  points: Point[];
  /** The dlib-style box the points were predicted from. */
  box: Box;
  /** True when the points come from a second run (a poor box, or a tilted face). */
  rerun: boolean;
}

export function preciseLandmarks(model: ShapeModel, image: RgbImage, detectorBox: Box, style: BoxStyle, maps: DlibBoxMaps = DLIB_BOX_MAPS): PreciseLandmarks {
  const box = dlibBoxFromDetector(detectorBox, style, maps);
  let points = predictShape(model, image, toDlibRect(box));
  const judged = judgeBox(box, points, maps);
  let result: PreciseLandmarks = { points, box, rerun: false };
  if (judged.poor) {
    points = predictShape(model, image, toDlibRect(judged.implied));
    result = { points, box: judged.implied, rerun: true };
  }
  const roll = rollDegrees(points);
  if (Math.abs(roll) < ROLL_RERUN_DEG) return result;
  // Tilted: predict again in a view turned upright about the box centre.
  return { points: predictShape(model, image, toDlibRect(result.box), { roll: (roll * Math.PI) / 180 }), box: result.box, rerun: true };
}
