/**
 * The warp service the hosts call: warps a photo at preview or full size, and measures how much
 * the caricature still looks like the sitter (identity meter).
 */
import { fitWithin, type RgbImage } from '../images/decode.js';
import type { InferenceService } from '../inference/service.js';
import { cosineSimilarity, faceDescriptor } from '../faces/descriptor.js';
import { warpImage } from './engine.js';
import { inThreadGeometry, type WarpGeometry } from './geometry-pool.js';
import type { Point, Points } from '../../../common/geometry.js';
import { REGION_OF, type Region } from '../../../common/face68/regions.js';

/** The identity meter warps at most this size: the descriptor crop is 150 px, more is wasted. */
const IDENTITY_MAX_SIDE = 1024;
const MAX_CACHED_SIZES = 3;

export interface RenderResult {
  image: RgbImage;
  /** The target actually used, in the ORIGINAL image's pixels (scaled back if it would fold). */
  target: Point[];
  folded: boolean;
  blend: number;
  notice?: string;
}

/**
 * Pixel-centre convention between an image and its resized copy: centres map to centres, so
 * x' = (x + ½)·s − ½ (a plain x·s would shift every landmark by up to half a preview pixel).
 */
function scalePoints(pts: Points, s: number): Point[] {
  return pts.map((p) => [(p[0] + 0.5) * s - 0.5, (p[1] + 0.5) * s - 0.5]);
}

const REGION_WORDS: Record<Region, string> = { jaw: 'the jaw line', brows: 'the brows', nose: 'the nose', eyes: 'the eyes', mouth: 'the mouth' };

/** One sentence for the status bar: where the edit was held back, and how far. */
export function foldNotice(scaledBack: readonly number[], blend: number): string {
  const regions = [...new Set(scaledBack.filter((i) => i < 68).map((i) => REGION_WORDS[REGION_OF[i]!]))];
  const where = regions.length ? ` near ${regions.join(' and ')}` : '';
  return `The edit${where} would fold the image, so it was scaled back there (to ${Math.floor(blend * 100)}% at most).`;
}

export class WarpService {
  /** Downscaled copies per photo and size: a drag sends dozens of previews of one photo. */
  private readonly scaled = new WeakMap<RgbImage, Map<number, Promise<RgbImage>>>();

  /** `geometry`: where fits and fold prevention run (the hosts' worker pool, geometry-pool.ts). */
  constructor(
    private readonly inference: InferenceService,
    private readonly geometry: WarpGeometry = inThreadGeometry,
  ) {}

  private fit(image: RgbImage, maxSide: number): Promise<RgbImage> {
    let sizes = this.scaled.get(image);
    if (!sizes) this.scaled.set(image, (sizes = new Map()));
    let p = sizes.get(maxSide);
    if (!p) {
      p = fitWithin(image, maxSide);
      sizes.set(maxSide, p);
      p.catch(() => sizes.delete(maxSide));
      // A few sizes per photo (preview, identity meter); a resized window must not pile up copies.
      if (sizes.size > MAX_CACHED_SIZES) sizes.delete(sizes.keys().next().value as number);
    }
    return p;
  }

  /**
   * Warps `image` (downscaled first to `maxSide` when given) moving source → target, keeping
   * `pinned` points (other faces, see pins.ts) still; all in original image pixels.
   */
  async render(image: RgbImage, source: Points, target: Points, maxSide?: number, pinned: Points = []): Promise<RenderResult> {
    const small = maxSide ? await this.fit(image, maxSide) : image;
    const s = small.width / image.width;
    const r = s === 1 ? await warpImage(this.inference, small, source, target, pinned, this.geometry) : await warpImage(this.inference, small, scalePoints(source, s), scalePoints(target, s), scalePoints(pinned, s), this.geometry);
    const used = s === 1 ? r.target : scalePoints(r.target, 1 / s);
    return { image: r.image, target: used, folded: r.folded, blend: r.blend, ...(r.folded ? { notice: foldNotice(r.scaledBack, r.blend) } : {}) };
  }

  /**
   * Cosine similarity between the recognition descriptors of the original face and the warped one
   * (1 = same identity direction). Both crops are the source face's — the same region of the
   * picture before and after — so the meter sees the reshaping, not a re-framing of the crop.
   */
  async identity(image: RgbImage, source: Points, target: Points, pinned: Points = []): Promise<{ similarity: number; target: Point[] }> {
    const small = await this.fit(image, IDENTITY_MAX_SIDE);
    const s = small.width / image.width;
    const src = s === 1 ? source : scalePoints(source, s);
    const warped = await warpImage(this.inference, small, src, s === 1 ? target : scalePoints(target, s), s === 1 ? pinned : scalePoints(pinned, s), this.geometry);
    const [a, b] = await Promise.all([
      faceDescriptor(this.inference, small, src as Point[]),
      faceDescriptor(this.inference, warped.image, src as Point[]),
    ]);
    return { similarity: cosineSimilarity(a, b), target: s === 1 ? warped.target : scalePoints(warped.target, 1 / s) };
  }
}
