/**
 * The mean face shape in the canonical frame, computed by build/recipes/warp/mean-face.ts from
 * the project's own detector on real photos (provenance inside the JSON).
 */
import data from './mean-face.json' with { type: 'json' };
import type { Point } from '../geometry.js';

export interface MeanFaceFile {
  frame: string;
  landmarks: Point[];
  provenance: {
    recipe: string;
    faces: number;
    sources: Record<string, { photos: number; faces: number }>;
    detector: Record<string, string>;
    date: string;
    licence: string;
  };
}

export const MEAN_FACE_PROVENANCE: MeanFaceFile['provenance'] = data.provenance;
export const MEAN_FACE: readonly Point[] = Object.freeze(data.landmarks.map((p): Point => [p[0]!, p[1]!]));
