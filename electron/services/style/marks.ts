/**
 * The "marks" engine for artwork styles: guided patch synthesis (synthesis/) of the sitter out of
 * the artwork's own pixels. Here the artwork is brought to the photo's scale — its face to the
 * sitter's face size when both have one, else to the photo's area — and the faces are paired for
 * the positional and region guides; the synthesis itself runs on the worker pool.
 */
import sharp from 'sharp';
import { badInput } from '../../../common/errors.js';
import type { RgbImage } from '../images/decode.js';
import type { Point } from '../../../common/geometry.js';
import type { Parsing } from '../faces/parse.js';
import { parsedSegments } from '../faces/segments.js';
import { resizeParsing } from './region-parsing.js';
import { faceWeight } from './face-weight.js';
import { interOcular } from './synthesis/guides.js';
import { hasScreen } from './synthesis/screen.js';
import { DEFAULT_STROKES, type FacePair } from './synthesis/plan.js';
import type { RunOptions, SynthesisPool } from './synthesis/pool.js';

export interface MarksRequest {
  artwork: RgbImage;
  /** Faces on the artwork and on the photo (68 landmarks, each image's pixels); none: appearance guides alone. */
  artworkFaces: readonly Point[][];
  photoFaces: readonly Point[][];
  strength: number;
  preserveColor: boolean;
  /** Patch radius 1..4 (patch size 3..9): small keeps fine detail, large carries longer strokes. */
  detail: number;
  /** The artwork's strokes' share, 0..1 (default DEFAULT_STROKES): the rest follows the sitter's lines exactly. */
  strokes?: number | undefined;
  mask?: Float32Array | undefined;
  quality: 'preview' | 'full';
  /**
   * The face parser's labels of the artwork and of the photo (any size; style/region-parsing.ts):
   * the segmentation guide follows them (hair strokes onto the hair the parser sees); absent
   * (parser not built, not cleared for commercial use), the landmark polygons.
   */
  parsing?: { artwork: Parsing | undefined; photo: Parsing | undefined } | undefined;
}

/** Patch size in the UI's terms: "detail" 1 (fine) .. 4 (broad strokes), the default 2 (5×5). */
export const DEFAULT_DETAIL = 2;

/** The face with the widest eye span: the one the artwork's face is paired with. */
function largest(faces: readonly Point[][]): Point[] | undefined {
  return faces.reduce<Point[] | undefined>((best, f) => (!best || interOcular(f) > interOcular(best) ? f : best), undefined);
}

/**
 * The artwork's scale on the photo: its face's eye span onto the sitter's, kept within ½–1½ of the
 * scale that gives it the photo's area (a face-filling portrait for a small sitter must keep enough
 * exemplar; a tiny face in a landscape must not blow the artwork up past the photo).
 */
export function artworkScale(artwork: { width: number; height: number }, photo: { width: number; height: number }, faces?: { artwork: Point[]; photo: Point[] }): number {
  const area = Math.sqrt((photo.width * photo.height) / (artwork.width * artwork.height));
  if (!faces) return area;
  const byFace = interOcular(faces.photo) / interOcular(faces.artwork);
  return Math.min(1.5 * area, Math.max(0.5 * area, byFace));
}

export async function renderMarks(pool: SynthesisPool, photo: RgbImage, req: MarksRequest, opts: RunOptions = {}): Promise<RgbImage> {
  if (Math.min(req.artwork.width, req.artwork.height) < 16) throw badInput('The artwork is too small to take marks from (at least 16×16 pixels).');
  const a = largest(req.artworkFaces);
  const p = largest(req.photoFaces);
  const pair = a && p ? { artwork: a, photo: p } : undefined;
  // A screen (hatching, dots) is drawn at a fixed pitch over the whole picture: brought to the
  // sitter's face size its pitch would change with the face; at the photo's area it keeps its
  // share of the picture (synthesis/screen.ts).
  const k = artworkScale(req.artwork, photo, hasScreen(req.artwork) ? undefined : pair);
  const width = Math.max(16, Math.round(req.artwork.width * k));
  const height = Math.max(16, Math.round(req.artwork.height * k));
  const buf = await sharp(req.artwork.data, { raw: { width: req.artwork.width, height: req.artwork.height, channels: 3 } })
    .resize(width, height, { kernel: 'lanczos3', fit: 'fill' })
    .raw()
    .toBuffer();
  const art = { width, height, data: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) };
  const kx = width / req.artwork.width;
  const ky = height / req.artwork.height;
  const parsed = req.parsing?.artwork && req.parsing.photo ? { artwork: req.parsing.artwork, photo: req.parsing.photo } : undefined;
  const faces: FacePair | undefined = pair && {
    artwork: pair.artwork.map(([x, y]): Point => [(x + 0.5) * kx - 0.5, (y + 0.5) * ky - 0.5]),
    photo: pair.photo,
    photoFaces: [...req.photoFaces],
    segments: parsed && {
      artwork: parsedSegments(resizeParsing(parsed.artwork, width, height), width, height).labels,
      photo: parsedSegments(resizeParsing(parsed.photo, photo.width, photo.height), photo.width, photo.height).labels,
    },
  };
  const options = { strength: req.strength, preserveColor: req.preserveColor, patchRadius: req.detail, strokes: req.strokes ?? DEFAULT_STROKES, effort: req.quality, seed: 1 };
  return pool.run(art, photo, options, faces, { mask: req.mask, structure: faceWeight(req.photoFaces, photo.width, photo.height) }, opts);
}
