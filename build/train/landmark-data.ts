/**
 * The extracted AutoToon landmark numbers (build/train/data/autotoon-landmarks.json) and the
 * training set derived from them: offsets flattened to 136-d vectors, mirrored for symmetry.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Point } from '../../common/geometry.js';
import { MIRROR } from '../../common/face68/regions.js';

export const LANDMARK_DATA = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data/autotoon-landmarks.json');

export interface LandmarkPair {
  id: string;
  heldOut: boolean;
  /** Photo landmarks in the photo's canonical frame. */
  photo: Point[];
  /** Artist exaggeration: caricature − photo, canonical px. */
  offsets: Point[];
  detectionErrorPx: number;
}

export interface LandmarkDataFile {
  frame: string;
  provenance: Record<string, unknown>;
  pairs: LandmarkPair[];
}

export async function readLandmarkData(file = LANDMARK_DATA): Promise<LandmarkDataFile> {
  return JSON.parse(await fs.readFile(file, 'utf8')) as LandmarkDataFile;
}

/**
 * Mirror image of an offset field in the canonical frame (symmetric about x = 128): landmark i
 * takes its partner's offset with x negated.
 */
export function mirrorOffsets(o: readonly Point[]): Point[] {
  return MIRROR.map((j): Point => [-o[j]![0], o[j]![1]]);
}

export function flatten(pts: readonly Point[]): number[] {
  return pts.flatMap((p) => [p[0], p[1]]);
}
