/**
 * The style service the hosts share: the gallery, rendering with strength / preserve colour /
 * region, and the gallery thumbnails (each style on the artist's face at 256², cached).
 */
import { badInput, ServiceError } from '../errors.js';
import { cropSquare, encodeJpeg, fitWithin, type RgbImage } from '../images/decode.js';
import type { InferenceService } from '../inference/service.js';
import { faceMasks } from '../faces/masks.js';
import type { Point } from '../faces/types.js';
import { blur, type Plane } from '../faces/raster.js';
import { landmarkSegments, SEGMENTS } from '../faces/segments.js';
import { renderStyle, type StyleSource } from './engine.js';
import { faceWeight } from './face-weight.js';
import { StyleGallery } from './gallery.js';
import { DEFAULT_DETAIL, renderMarks } from './marks.js';
import { SynthesisPool } from './synthesis/pool.js';

export type Region = 'whole' | 'face' | 'organs' | 'texture' | 'hair' | 'background';

/**
 * How an artwork style is rendered: 'marks' = guided patch synthesis from the artwork's pixels (needs
 * the artwork image), 'texture' = the fast Laplacian AdaIN + patch-swap graph ("colour and texture").
 */
export type ArtworkEngine = 'marks' | 'texture';

export interface RenderRequest {
  source: StyleSource;
  strength: number;
  preserveColor: boolean;
  region: Region;
  /** The face's 68 landmarks in image pixels: needed for any region but 'whole'. */
  landmarks?: Point[] | undefined;
  /** Every face's 68 landmarks in image pixels: example-based styles keep these faces readable. */
  faces?: Point[][] | undefined;
  /** Longest side of the rendered image (the photo is never enlarged). */
  maxSide?: number | undefined;
  /** Artwork styles with their image: the engine (default 'marks'). */
  engine?: ArtworkEngine | undefined;
  /** Marks: patch radius 1..4 (default 2). */
  detail?: number | undefined;
  /** Marks: 'preview' (fewer passes, for the live low-resolution preview) or 'full'. */
  quality?: 'preview' | 'full' | undefined;
  signal?: AbortSignal | undefined;
  /** Marks: fraction done 0..1. */
  progress?: ((fraction: number) => void) | undefined;
}

export const THUMB_SIDE = 256;
export const DEFAULT_MAX_SIDE = 2048;
/** The marks engine's full render: guided synthesis at 1024² takes seconds on two cores (issue #12's target size). */
export const MARKS_MAX_SIDE = 1024;
const THUMB_CACHE = 512;

/** The region's soft mask at the image's size, from the face-analysis masks (hair and background: the portrait's segments, feathered). */
export function regionMask(region: Region, width: number, height: number, landmarks?: Point[]): Float32Array | undefined {
  if (region === 'whole') return undefined;
  if (!landmarks) throw badInput(`Styling only the ${region} needs a detected face; detect faces first or choose the whole image.`);
  if (region === 'hair' || region === 'background') {
    const { labels } = landmarkSegments([landmarks], width, height);
    const want = SEGMENTS.indexOf(region);
    const p: Plane = { width, height, data: new Float32Array(labels.length) };
    for (let i = 0; i < labels.length; i++) p.data[i] = labels[i] === want ? 1 : 0;
    const feather = Math.max(1, 0.06 * Math.hypot(landmarks[45]![0] - landmarks[36]![0], landmarks[45]![1] - landmarks[36]![1]));
    return blur(p, feather).data;
  }
  return faceMasks(landmarks, width, height)[region].data;
}

/** A square around the face (1.8× its landmark extent), or the centred square without one. */
export function thumbnailCrop(width: number, height: number, landmarks?: Point[]): { left: number; top: number; side: number } {
  let cx = width / 2;
  let cy = height / 2;
  let side = Math.min(width, height);
  if (landmarks) {
    const xs = landmarks.map((p) => p[0]);
    const ys = landmarks.map((p) => p[1]);
    cx = (Math.min(...xs) + Math.max(...xs)) / 2;
    cy = (Math.min(...ys) + Math.max(...ys)) / 2;
    side = Math.min(side, 1.8 * Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)));
  }
  side = Math.max(1, Math.round(side));
  const left = Math.round(Math.min(width - side, Math.max(0, cx - side / 2)));
  const top = Math.round(Math.min(height - side, Math.max(0, cy - side / 2)));
  return { left, top, side };
}

export class StyleService {
  readonly gallery: StyleGallery;
  private readonly thumbs = new Map<string, Uint8Array>();
  private readonly pool = new SynthesisPool();

  /**
   * `landmarksOf` finds the faces on an artwork (the app's detector, cached per image), for the
   * marks engine's positional and region guides; without it artworks are treated as faceless.
   */
  constructor(
    private readonly inference: InferenceService,
    userDataDir: string,
    private readonly landmarksOf: (image: RgbImage) => Promise<Point[][]> = async () => [],
  ) {
    this.gallery = new StyleGallery(userDataDir, inference);
  }

  /** Guided synthesis for a style with its artwork image, unless the fast engine was asked for. */
  private async marks(image: RgbImage, source: StyleSource, req: { engine?: ArtworkEngine | undefined; strength: number; preserveColor: boolean; detail?: number | undefined; quality?: 'preview' | 'full' | undefined; signal?: AbortSignal | undefined; progress?: ((f: number) => void) | undefined }, faces: Point[][], mask?: Float32Array): Promise<RgbImage | undefined> {
    if (source.kind !== 'example' || !source.artwork || req.engine === 'texture') return undefined;
    const artwork = await source.artwork();
    return renderMarks(
      this.pool,
      image,
      {
        artwork,
        artworkFaces: await this.landmarksOf(artwork),
        photoFaces: faces,
        strength: req.strength,
        preserveColor: req.preserveColor,
        detail: req.detail ?? DEFAULT_DETAIL,
        mask,
        quality: req.quality ?? 'full',
      },
      { signal: req.signal, progress: req.progress },
    );
  }

  async render(image: RgbImage, req: RenderRequest): Promise<RgbImage> {
    const marks = req.source.kind === 'example' && req.source.artwork !== undefined && req.engine !== 'texture';
    const scaled = await fitWithin(image, Math.min(req.maxSide ?? DEFAULT_MAX_SIDE, marks ? MARKS_MAX_SIDE : Infinity));
    const k = scaled.width / image.width;
    const toScaled = (pts: Point[]) => pts.map(([x, y]): Point => [x * k, y * k]);
    const lm = req.landmarks && toScaled(req.landmarks);
    const mask = regionMask(req.region, scaled.width, scaled.height, lm);
    const marked = await this.marks(scaled, req.source, req, (req.faces ?? []).map(toScaled), mask);
    if (marked) return marked;
    const faces = req.source.kind === 'example' ? faceWeight((req.faces ?? []).map(toScaled), scaled.width, scaled.height) : undefined;
    return renderStyle(this.inference, scaled, req.source, { strength: req.strength, preserveColor: req.preserveColor, mask, faces });
  }

  /** Stops the synthesis workers (they never hold a process open; this frees them at once). */
  dispose(): Promise<void> {
    return this.pool.dispose();
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
    const c = thumbnailCrop(image.width, image.height, opts.landmarks);
    let face: Promise<RgbImage> | undefined;
    // Image px → thumbnail px, pixel centres kept (as cropSquare resamples).
    const s = THUMB_SIDE / c.side;
    const toThumb = (pts: Point[]) => pts.map(([x, y]): Point => [(x - c.left + 0.5) * s - 0.5, (y - c.top + 0.5) * s - 0.5]);
    const faces = faceWeight((opts.faces ?? []).map(toThumb), THUMB_SIDE, THUMB_SIDE);
    const out: Array<{ id: string; bytes: Uint8Array }> = [];
    let next = 0;
    let done = 0;
    let failed = false;
    const one = async (id: string): Promise<Uint8Array> => {
      const source = await this.gallery.resolve(id);
      const cacheKey = `${key}|${c.left},${c.top},${c.side}|${id}|${source.kind === 'example' ? `${source.embedding.digest}${source.artwork ? '+marks' : ''}` : (source.params ?? []).join(',')}`;
      let bytes = this.thumbs.get(cacheKey);
      if (!bytes) {
        face ??= cropSquare(image, c, THUMB_SIDE);
        const crop = await face;
        const marked = await this.marks(crop, source, { strength: 1, preserveColor: false, quality: 'preview', signal: opts.signal }, (opts.faces ?? []).map(toThumb));
        bytes = await encodeJpeg(marked ?? (await renderStyle(this.inference, crop, source, { strength: 1, preserveColor: false, faces })), 85);
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
          failed = true; // the other worker stops after its current thumbnail
          throw e;
        }
        opts.progress?.(++done, styleIds.length, id);
      }
    };
    await Promise.all([worker(), worker()]);
    return out;
  }
}
