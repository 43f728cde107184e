/**
 * A style's "Apply to" region from the face parser (issue #12 item 2), where the landmark guess
 * misses: hair is the hair the parser sees (a fringe, hair down the sides to the shoulders), not
 * a band of an ellipse above the brows, and the background is what no person class covers.
 *
 * The parse runs on the image the style is applied to, after the face edits: the mask then
 * follows the pixels as the warp left them — the moved hair and the filled-in scene behind a
 * shrunk head alike — which warping a parse of the photo through the head layer's mapping and
 * fill would only approximate (and the warp service would have to hand out its mapping). It
 * costs a parse per face per distinct edit, so the labels are cached per photo and edit: a
 * preview re-rendered with another style, strength or region reuses them.
 *
 * Each face is parsed on the head parse's wide crop (warp/parsed-head.ts: it holds the hair the
 * CelebA framing cuts off). Pixels no crop covers are UNSEEN: not hair, not face, and background
 * — the landmark guess says the same there, as the crop reaches past its hair band. So a body
 * below the crop is background still, as it was with the landmarks; a second, 3× wider crop per
 * face labelled the shoulders too but in blotches (a dress half cloth, half background) at twice
 * the parsing time, so it was left out.
 */
import type { RgbImage } from '../images/decode.js';
import type { InferenceService } from '../inference/service.js';
import { parseFace, parserAvailability, pasteLabels, type FaceLabels, type Parsing } from '../faces/parse.js';
import { classPlane } from '../faces/parse-masks.js';
import { PARSING_CLASSES, PARSING_MODEL, type ParsingClass } from '../faces/parsing-classes.js';
import { HEAD_PARSE_SCALE } from '../warp/parsed-head.js';
import type { Plane } from '../faces/raster.js';
import type { Point } from '../../../common/geometry.js';

/** The label of a pixel no parse crop covers (no class has it). */
export const UNSEEN = 255;

/** The parser's classes of each region; background is no person class at all (not skin, hair, neck, cloth, …). */
export const REGION_CLASSES = {
  hair: ['hair', 'hat'],
  face: ['skin', 'l_brow', 'r_brow', 'l_eye', 'r_eye', 'eye_g', 'l_ear', 'r_ear', 'nose', 'mouth', 'u_lip', 'l_lip'],
  background: ['background'],
} satisfies Record<string, ParsingClass[]>;
export type ParsedRegion = keyof typeof REGION_CLASSES;

/** The region's hard mask (1 in, 0 out) from labels pasted with UNSEEN outside the crops. */
export function parsedRegion(region: ParsedRegion, labels: Uint8Array, width: number, height: number): Plane {
  const p = classPlane(labels, width, height, REGION_CLASSES[region]);
  if (region === 'background') for (let i = 0; i < labels.length; i++) if (labels[i] === UNSEEN) p.data[i] = 1;
  return p;
}

/** The parsing resampled to width × height (nearest label). */
export function resizeParsing(parsing: Parsing, width: number, height: number): Uint8Array {
  if (width === parsing.width && height === parsing.height) return parsing.labels;
  const out = new Uint8Array(width * height);
  const kx = parsing.width / width;
  const ky = parsing.height / height;
  for (let y = 0; y < height; y++) {
    const row = Math.min(parsing.height - 1, Math.floor((y + 0.5) * ky)) * parsing.width;
    for (let x = 0; x < width; x++) out[y * width + x] = parsing.labels[row + Math.min(parsing.width - 1, Math.floor((x + 0.5) * kx))]!;
  }
  return out;
}

/**
 * Parses kept per photo (a byte per pixel each: a 24-MP export's is 24 MB): the preview's and the
 * export's of the current edit, and the edits undo steps back to.
 */
const CACHED_PER_PHOTO = 4;

export class RegionParser {
  private readonly cache = new WeakMap<RgbImage, Map<string, Promise<Parsing>>>();

  constructor(private readonly inference: InferenceService) {}

  /**
   * The parsing of `image` (what `photo` became under the edits `key` names) around `faces`
   * (image px), UNSEEN outside their crops; undefined when the parser is not built or not
   * cleared for commercial use (the caller keeps the landmark masks).
   */
  async parse(photo: RgbImage, key: string, image: RgbImage, faces: readonly Point[][]): Promise<Parsing | undefined> {
    // Asked every time: the commercial-only setting may have changed since a parse was cached.
    if (!faces.length || (await parserAvailability(this.inference)) !== 'ok') return undefined;
    let byEdit = this.cache.get(photo);
    if (!byEdit) this.cache.set(photo, (byEdit = new Map()));
    const k = `${image.width}x${image.height}|${key}|${JSON.stringify(faces)}`;
    let p = byEdit.get(k);
    if (!p) {
      p = this.run(image, faces);
      byEdit.set(k, p);
      p.catch(() => byEdit.delete(k));
      if (byEdit.size > CACHED_PER_PHOTO) byEdit.delete(byEdit.keys().next().value as string);
    }
    // A cached parse still made this picture: its PNG names the parser.
    this.inference.note([PARSING_MODEL]);
    return p;
  }

  private async run(image: RgbImage, faces: readonly Point[][]): Promise<Parsing> {
    const labelled: FaceLabels[] = [];
    for (const lm of faces) labelled.push(await parseFace(this.inference, image, lm, HEAD_PARSE_SCALE));
    return { width: image.width, height: image.height, labels: pasteLabels(image.width, image.height, labelled, undefined, UNSEEN), classes: PARSING_CLASSES, faces: faces.length };
  }
}
