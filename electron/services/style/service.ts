/**
 * The style service the hosts share: the gallery, rendering with strength / preserve colour /
 * region, and the gallery thumbnails (each style on the artist's face at 256², cached).
 */
import { badInput, ServiceError } from '../../../common/errors.js';
import { cropSquare, encodeJpeg, fitWithin, fittedSize, resizeTo, type RgbImage } from '../images/decode.js';
import type { InferenceService } from '../inference/service.js';
import { faceMasks } from '../faces/masks.js';
import { parsedFaceMasks } from '../faces/parse-masks.js';
import type { Parsing } from '../faces/parse.js';
import { parsedRegion, RegionParser, resizeParsing } from './region-parsing.js';
import { eyeCentres } from '../../../common/face68/align.js';
import { assertNearImage } from '../images/reach.js';
import { resizePoints, type Point } from '../../../common/geometry.js';
import type { StyleRegion } from '../../../common/names.js';
import { blur, type Plane } from '../faces/raster.js';
import { landmarkSegments, SEGMENTS } from '../faces/segments.js';
import { renderStyle, type StyleSource } from './engine.js';
import { faceWeight } from './face-weight.js';
import { StyleGallery } from './gallery.js';
import { DEFAULT_DETAIL, renderMarks } from './marks.js';
import { SynthesisPool } from './synthesis/pool.js';

/**
 * How an artwork style is rendered: 'marks' = guided patch synthesis from the artwork's pixels
 * (needs the kept artwork image; what the app and the CLI ask for when it is kept), 'texture' =
 * the fast Laplacian AdaIN + patch-swap graph ("colour and texture", a request's default).
 */
export type ArtworkEngine = 'marks' | 'texture';

export interface RenderRequest {
  source: StyleSource;
  strength: number;
  preserveColor: boolean;
  region: StyleRegion;
  /** The face's 68 landmarks in image pixels: needed for any region but 'whole'. */
  landmarks?: Point[] | undefined;
  /**
   * The image's face parsing (StyleService.regions, UNSEEN outside the parsed faces): the region
   * follows the parser's outlines; absent or undefined, the landmark masks. Asked for only once the
   * request's points are known to be near the image, and only for a region.
   */
  parsing?: (() => Promise<Parsing | undefined>) | undefined;
  /**
   * The parsing of every face in `faces` (the marks engine's segmentation guide), cached by the
   * caller across renders of one edit; absent, the service parses the image itself (cached per
   * image object: the CLI's one render).
   */
  faceParsing?: (() => Promise<Parsing | undefined>) | undefined;
  /** Every face's 68 landmarks in image pixels: example-based styles keep these faces readable. */
  faces?: Point[][] | undefined;
  /** Longest side of the rendered image (the photo is never enlarged). */
  maxSide?: number | undefined;
  /**
   * Artwork styles: the engine (default 'texture' here; 'marks' needs the kept artwork image). The
   * app and the CLI ask for 'marks' whenever the artwork image is kept.
   */
  engine?: ArtworkEngine | undefined;
  /** Marks: patch radius 1..4 (default 2). */
  detail?: number | undefined;
  /** Marks: the artwork's strokes' share 0..1 (default synthesis/plan.ts DEFAULT_STROKES). */
  strokes?: number | undefined;
  /** Marks: 'preview' (fewer passes, for the live low-resolution preview) or 'full'. */
  quality?: 'preview' | 'full' | undefined;
  signal?: AbortSignal | undefined;
  /** Marks: fraction done 0..1. */
  progress?: ((fraction: number) => void) | undefined;
}

export const THUMB_SIDE = 256;
export const DEFAULT_MAX_SIDE = 2048;
/**
 * The marks engine synthesises at most this large (issue #12's full-render size: seconds on two
 * cores); a larger request (an export, the 2048-px full view) gets the synthesis enlarged.
 */
export const MARKS_MAX_SIDE = 1024;
const THUMB_CACHE = 512;

/**
 * The region's soft mask at the image's size. With the image's parsing (region-parsing.ts) the
 * regions follow the parser's outlines; without it (parser not built, or not cleared for
 * commercial use) the face-analysis masks and the portrait's landmark segments. Either way the
 * same feathering: hair and background blurred once by STYLE_FEATHER, the face, organs and
 * texture masks keep the analysis masks' feather and get that blur on top.
 */
export function regionMask(region: StyleRegion, width: number, height: number, landmarks?: Point[], parsing?: Parsing): Float32Array | undefined {
  if (region === 'whole') return undefined;
  if (!landmarks) throw badInput(`Styling only the ${region} needs a detected face; detect faces first or choose the whole image.`);
  const iod = eyeDistance(landmarks);
  const feather = STYLE_FEATHER * iod;
  const labels = parsing && resizeParsing(parsing, width, height);
  if (region === 'hair' || region === 'background') {
    if (labels) return blur(parsedRegion(region, labels, width, height), Math.max(1, feather)).data;
    const { labels: segments } = landmarkSegments([landmarks], width, height);
    const want = SEGMENTS.indexOf(region);
    const p: Plane = { width, height, data: new Float32Array(segments.length) };
    for (let i = 0; i < segments.length; i++) p.data[i] = segments[i] === want ? 1 : 0;
    return blur(p, Math.max(1, feather)).data;
  }
  // The analysis masks are feathered by ~4 % of the eye distance, enough for the DFN streams but a
  // visible seam where a style stops; a style fades out over a further ~8 %: a ramp twice as wide, the organs still styled at ≥ 0.95 inside.
  if (labels && region === 'face') return blur(blur(parsedRegion('face', labels, width, height), Math.max(1, ANALYSIS_FEATHER * iod)), feather).data;
  const masks = labels ? parsedFaceMasks(labels, landmarks, width, height) : faceMasks(landmarks, width, height);
  return blur(masks[region], feather).data;
}

/** The face-analysis masks' own feather (faces/masks.ts, parse-masks.ts), in eye distances. */
const ANALYSIS_FEATHER = 0.04;
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
  private readonly pool = new SynthesisPool();
  /** The region masks' parses, per photo and edit. */
  readonly regions: RegionParser;

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
    this.regions = new RegionParser(inference);
  }

  /** Guided synthesis from the style's kept artwork image: only when the marks engine was asked for. */
  private async marks(original: RgbImage, image: RgbImage, source: StyleSource, req: Omit<RenderRequest, 'source' | 'region'>, faces: Point[][], mask?: Float32Array): Promise<RgbImage | undefined> {
    if (req.engine !== 'marks') return undefined;
    if (source.kind !== 'example' || !source.artwork) throw badInput('The marks engine renders from a kept artwork image, and this style has none; choose the colour and texture engine.');
    const artwork = await source.artwork();
    const artworkFaces = await this.landmarksOf(artwork);
    // Parsed only when both images hold a face (the segmentation guide pairs their regions), and
    // not for a live preview: a drag is a new edit each time, and a parse per face per preview
    // (~130 ms) would outweigh the label term's say at 256 px.
    const parsed = artworkFaces.length > 0 && faces.length > 0 && req.quality !== 'preview';
    const parsing = parsed
      ? {
          artwork: await this.regions.parse(artwork, 'artwork', artwork, artworkFaces),
          photo: await (req.faceParsing ? req.faceParsing() : this.regions.parse(original, 'faces', original, req.faces ?? [])),
        }
      : undefined;
    return renderMarks(
      this.pool,
      image,
      {
        artwork,
        artworkFaces,
        photoFaces: faces,
        strength: req.strength,
        preserveColor: req.preserveColor,
        detail: req.detail ?? DEFAULT_DETAIL,
        strokes: req.strokes,
        mask,
        quality: req.quality ?? 'full',
        parsing,
      },
      { signal: req.signal, progress: req.progress },
    );
  }

  async render(image: RgbImage, req: RenderRequest): Promise<RgbImage> {
    for (const pts of [req.landmarks ?? [], ...(req.faces ?? [])]) assertNearImage(pts, image.width, image.height);
    const maxSide = req.maxSide ?? DEFAULT_MAX_SIDE;
    const scaled = await fitWithin(image, Math.min(maxSide, req.engine === 'marks' ? MARKS_MAX_SIDE : Infinity));
    const k = scaled.width / image.width;
    const toScaled = (pts: Point[]) => resizePoints(pts, k);
    const lm = req.landmarks && toScaled(req.landmarks);
    const mask = regionMask(req.region, scaled.width, scaled.height, lm, req.region === 'whole' || !lm ? undefined : await req.parsing?.());
    const marked = await this.marks(image, scaled, req.source, req, (req.faces ?? []).map(toScaled), mask);
    // Synthesised at most MARKS_MAX_SIDE, delivered at the size asked for (an export keeps the photo's size).
    if (marked) {
      const size = fittedSize(image.width, image.height, maxSide);
      return resizeTo(marked, size.width, size.height);
    }
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
    for (const pts of [opts.landmarks ?? [], ...(opts.faces ?? [])]) assertNearImage(pts, image.width, image.height);
    const c = thumbnailCrop(image.width, image.height, opts.landmarks);
    let face: Promise<RgbImage> | undefined;
    // Image px → thumbnail px, pixel centres kept (as cropSquare resamples).
    const s = THUMB_SIDE / c.side;
    const thumbFaces = (opts.faces ?? []).map((pts) => resizePoints(pts, s, [c.left, c.top]));
    const faces = faceWeight(thumbFaces, THUMB_SIDE, THUMB_SIDE);
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
        // Every thumbnail with its style's own engine; a kept artwork's marks at the preview's effort.
        const styled =
          source.kind === 'example' && source.artwork
            ? await this.marks(await face, await face, source, { strength: 1, preserveColor: false, engine: 'marks', quality: 'preview' }, thumbFaces)
            : undefined;
        bytes = await encodeJpeg(styled ?? (await renderStyle(this.inference, await face, source, { strength: 1, preserveColor: false, faces })), 85);
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
