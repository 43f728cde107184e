/** Plain data shared by the faces modules (and sent over IPC as is). */

/** [x, y] in image pixels unless said otherwise. */
export type Point = [number, number];
/** [x, y, width, height] in image pixels. */
export type Box = [number, number, number, number];

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
