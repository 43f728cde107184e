/**
 * The 'precise' landmarks: dlib's predictor on a detector box mapped to where dlib's own detector
 * would put it, predicted again from the box its first result implies when the two disagree
 * (boxes.ts: judgeBox).
 */
import type { RgbImage } from '../../images/decode.js';
import type { Box, Point } from '../types.js';
import { dlibBoxFromDetector, judgeBox, toDlibRect, DLIB_BOX_MAPS, type BoxStyle, type DlibBoxMaps } from './boxes.js';
import type { ShapeModel } from './model.js';
import { predictShape } from './predict.js';

export interface PreciseLandmarks {
  points: Point[];
  /** The dlib-style box the points were predicted from. */
  box: Box;
  /** True when the mapped detector box was judged poor and the points come from a second run. */
  rerun: boolean;
}

export function preciseLandmarks(model: ShapeModel, image: RgbImage, detectorBox: Box, style: BoxStyle, maps: DlibBoxMaps = DLIB_BOX_MAPS): PreciseLandmarks {
  const box = dlibBoxFromDetector(detectorBox, style, maps);
  const points = predictShape(model, image, toDlibRect(box));
  const judged = judgeBox(box, points, maps);
  if (!judged.poor) return { points, box, rerun: false };
  return { points: predictShape(model, image, toDlibRect(judged.implied)), box: judged.implied, rerun: true };
}
