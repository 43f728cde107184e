/**
 * The style service the hosts share: the gallery, rendering with strength / preserve colour /
 * region, and the gallery thumbnails (each style on the artist's face at 256², cached).
 */
import { badInput, ServiceError } from '../../../common/errors.js';
import { cropSquare, encodeJpeg, fitWithin, type RgbImage } from '../images/decode.js';
import type { InferenceService } from '../inference/service.js';
import { faceMasks } from '../faces/masks.js';
import { blur } from '../faces/raster.js';
import { eyeCentres } from '../../../common/face68/align.js';
import { assertNearImage } from '../images/reach.js';
import { resizePoints, type Point } from '../../../common/geometry.js';
import type { StyleRegion } from '../../../common/names.js';
import { renderStyle, type StyleSource } from './engine.js';
import { faceWeight } from './face-weight.js';
import { StyleGallery } from './gallery.js';


export interface RenderRequest {
  source: StyleSource;
  strength: number;
  preserveColor: boolean;
  region: StyleRegion;
  /** The face's 68 landmarks in image pixels: needed for any region but 'whole'. */
  landmarks?: Point[] | undefined;
  /** Every face's 68 landmarks in image pixels: example-based styles keep these faces readable. */
  faces?: Point[][] | undefined;
  /** Longest side of the rendered image (the photo is never enlarged). */
  maxSide?: number | undefined;
}

export const THUMB_SIDE = 256;
export const DEFAULT_MAX_SIDE = 2048;
const THUMB_CACHE = 512;

/** The region's soft mask at the image's size, from the face-analysis masks, feathered further. */
export function regionMask(region: StyleRegion, width: number, height: number, landmarks?: Point[]): Float32Array | undefined {
  if (region === 'whole') return undefined;
  if (!landmarks) throw badInput(`Styling only the ${region} needs a detected face; detect faces first or choose the whole image.`);
  // The analysis masks are feathered by ~4 % of the eye distance, enough for the DFN streams but a
  // visible seam where a style stops; a style fades out over a further ~8 %: a ramp twice as wide, the organs still styled at ≥ 0.95 inside.
  return blur(faceMasks(landmarks, width, height)[region], STYLE_FEATHER * eyeDistance(landmarks)).data;
}

const STYLE_FEATHER = 0.08;

function eyeDistance(landmarks: Point[]): number {
  const { left, right } = eyeCentres(landmarks);
  return Math.hypot(right[0] - left[0], right[1] - left[1]);
}

/**
 * A square framing the whole head, or the centred square without a face. The 68 landmarks stop at
 * the brows, and the forehead and crown take about as much again above them: the square is 2.1×
 * the landmark extent, its centre raised by a sixth of the landmarks' height, so the forehead and
 * the chin are both inside (1.8× about the landmark centre cropped both).
 */
export function thumbnailCrop(width: number, height: number, landmarks?: Point[]): { left: number; top: number; side: number } {
  let cx = width / 2;
  let cy = height / 2;
  let side = Math.min(width, height);
  if (landmarks) {
    const xs = landmarks.map((p) => p[0]);
    const ys = landmarks.map((p) => p[1]);
    cx = (Math.min(...xs) + Math.max(...xs)) / 2;
    const height = Math.max(...ys) - Math.min(...ys);
    cy = (Math.min(...ys) + Math.max(...ys)) / 2 - height / 6;
    side = Math.min(side, 2.1 * Math.max(Math.max(...xs) - Math.min(...xs), height));
  }
  side = Math.max(1, Math.round(side));
  const left = Math.round(Math.min(width - side, Math.max(0, cx - side / 2)));
  const top = Math.round(Math.min(height - side, Math.max(0, cy - side / 2)));
  return { left, top, side };
}

export class StyleService {
  readonly gallery: StyleGallery;
  private readonly thumbs = new Map<string, Uint8Array>();

  constructor(
    private readonly inference: InferenceService,
    userDataDir: string,
  ) {
    this.gallery = new StyleGallery(userDataDir, inference);
  }

  async render(image: RgbImage, req: RenderRequest): Promise<RgbImage> {
    for (const pts of [req.landmarks ?? [], ...(req.faces ?? [])]) assertNearImage(pts, image.width, image.height);
    const scaled = await fitWithin(image, req.maxSide ?? DEFAULT_MAX_SIDE);
    const k = scaled.width / image.width;
    const toScaled = (pts: Point[]) => resizePoints(pts, k);
    const lm = req.landmarks && toScaled(req.landmarks);
    const mask = regionMask(req.region, scaled.width, scaled.height, lm);
    const faces = req.source.kind === 'example' ? faceWeight((req.faces ?? []).map(toScaled), scaled.width, scaled.height) : undefined;
    return renderStyle(this.inference, scaled, req.source, { strength: req.strength, preserveColor: req.preserveColor, mask, faces });
  }

  /**
   * JPEG thumbnails of the given styles on the face crop, in order, reusing cached ones. `key`
   * identifies the photo (its id); the crop is part of the cache key, so another face gets its own.
   * `faces` (every face, image pixels) are kept readable by the example-based styles.
   * Two render at a time: at 256² ORT's own threads leave the cores partly idle (12 thumbnails on
   * 2 cores: 174 → 148 ms); more in flight gained nothing.
   */
  async thumbnails(
    key: string,
    image: RgbImage,
    styleIds: readonly string[],
    opts: { landmarks?: Point[] | undefined; faces?: Point[][] | undefined; signal?: AbortSignal; progress?: (done: number, total: number, id: string) => void } = {},
  ): Promise<Array<{ id: string; bytes: Uint8Array }>> {
    for (const pts of [opts.landmarks ?? [], ...(opts.faces ?? [])]) assertNearImage(pts, image.width, image.height);
    const c = thumbnailCrop(image.width, image.height, opts.landmarks);
    let face: Promise<RgbImage> | undefined;
    // Image px → thumbnail px, pixel centres kept (as cropSquare resamples).
    const s = THUMB_SIDE / c.side;
    const faces = faceWeight((opts.faces ?? []).map((pts) => resizePoints(pts, s, [c.left, c.top])), THUMB_SIDE, THUMB_SIDE);
    const out: Array<{ id: string; bytes: Uint8Array }> = [];
    let next = 0;
    let done = 0;
    let failed = false;
    const one = async (id: string): Promise<Uint8Array> => {
      const source = await this.gallery.resolve(id);
      const variant = source.kind === 'example' ? source.embedding.digest : source.kind === 'drawing' ? (source.params ?? []).join(',') : source.model;
      const cacheKey = `${key}|${c.left},${c.top},${c.side}|${id}|${variant}`;
      let bytes = this.thumbs.get(cacheKey);
      if (!bytes) {
        face ??= cropSquare(image, c, THUMB_SIDE);
        bytes = await encodeJpeg(await renderStyle(this.inference, await face, source, { strength: 1, preserveColor: false, faces }), 85);
        this.thumbs.set(cacheKey, bytes);
        while (this.thumbs.size > THUMB_CACHE) this.thumbs.delete(this.thumbs.keys().next().value as string);
      }
      return bytes;
    };
    const worker = async () => {
      while (next < styleIds.length && !failed) {
        if (opts.signal?.aborted) throw new ServiceError('cancelled', 'Rendering the style thumbnails was cancelled.');
        const i = next++;
        const id = styleIds[i]!;
        try {
          out[i] = { id, bytes: await one(id) };
        } catch (e) {
          // A style switched off meanwhile ("Only models cleared for commercial use") is left out.
          if (!(e instanceof ServiceError && e.code === 'unsupported')) {
            failed = true; // the other worker stops after its current thumbnail
            throw e;
          }
        }
        opts.progress?.(++done, styleIds.length, id);
      }
    };
    await Promise.all([worker(), worker()]);
    return out.filter((t) => t !== undefined);
  }
}
