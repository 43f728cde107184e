/** Plain data shared by the faces modules (and sent over IPC as is). */

/** [x, y] in image pixels unless said otherwise. */
export type Point = [number, number];
/** [x, y, width, height] in image pixels. */
export type Box = [number, number, number, number];

/** The face detectors a user can choose (faces/detect.ts says what each is). */
export const DETECTOR_NAMES = ['auto', 'ssd', 'tiny'] as const;
export type DetectorName = (typeof DETECTOR_NAMES)[number];

/**
 * The 68-point landmark models: 'precise' is dlib's predictor (faces/dlib/, iBUG 300-W training
 * data: not for commercial use), 'fast' face-api's net (faces/landmarks.ts).
 */
export const LANDMARK_NAMES = ['precise', 'fast'] as const;
export type LandmarkName = (typeof LANDMARK_NAMES)[number];

export interface DetectorOptions {
  /** Faces scoring at or below this are dropped (face-api's default 0.5 for both detectors). */
  minConfidence?: number;
  maxResults?: number;
}

/** A detector's face before landmarks: box in image pixels and its score. */
export interface RawDetection {
  box: Box;
  score: number;
}
