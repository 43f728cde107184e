/** Plain data shared by the face detectors. */
import type { Box } from '../../../common/geometry.js';

export interface DetectorOptions {
  /** Faces scoring at or below this are dropped (face-api's default 0.5 for both detectors). */
  minConfidence?: number;
  maxResults?: number;
}

/** A detector's face before landmarks: box in image pixels and its score. */
export interface RawDetection {
  box: Box;
  score: number;
  /** dlib HOG's own box for this face, when that detector found it: the precise landmarks take it as is. */
  dlibBox?: Box;
}
