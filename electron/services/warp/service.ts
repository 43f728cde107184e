/**
 * The warp service the hosts call: warps a photo at preview or full size, and measures how much
 * the caricature still looks like the sitter (identity meter).
 */
import { fitWithin, type RgbImage } from '../images/decode.js';
import type { InferenceService } from '../inference/service.js';
import { cosineSimilarity, faceDescriptor } from '../faces/descriptor.js';
import { headBackground, type HeadBackground, type HeadEdit, type HeadHint, type HeadResult } from './head-layer.js';
import { warpHeads } from './head-warp.js';
import { landmarkHead, type HeadRegion, type PixelBox } from './head.js';
import { parseHead } from './parsed-head.js';
import { PARSING_MODEL } from '../faces/parsing-classes.js';
import { inThreadGeometry, type WarpGeometry } from './geometry-pool.js';
import { resizePoints, type Point, type Points } from '../../../common/geometry.js';
import { REGION_OF, type Region } from '../../../common/face68/regions.js';

/** The identity meter warps at most this size: the descriptor crop is 150 px, more is wasted. */
const IDENTITY_MAX_SIDE = 1024;
const MAX_CACHED_SIZES = 3;
/** Filled backgrounds kept per image size: a group photo's faces, a few corrected landmark sets. */
const MAX_CACHED_BACKGROUNDS = 8;

/** One edited face: its landmarks in the photo and where they should go (original image px). */
export interface FaceEdit {
  source: Points;
  target: Points;
}

export interface RenderResult {
  image: RgbImage;
  /** The target actually used, in the ORIGINAL image's pixels (scaled back if it would fold). */
  target: Point[];
  /** Each edited face's target actually used (the first face's, then `others`'), original pixels. */
  targets: Point[][];
  folded: boolean;
  blend: number;
  notice?: string;
}


const REGION_WORDS: Record<Region, string> = { jaw: 'the jaw line', brows: 'the brows', nose: 'the nose', eyes: 'the eyes', mouth: 'the mouth' };

/** One sentence for the status bar: where the edit was held back, and how far. */
export function foldNotice(scaledBack: readonly number[], blend: number): string {
  const regions = [...new Set(scaledBack.filter((i) => i < 68).map((i) => REGION_WORDS[REGION_OF[i]!]))];
  const where = regions.length ? ` near ${regions.join(' and ')}` : '';
  return `The edit${where} would fold the image, so it was scaled back there (to ${Math.floor(blend * 100)}% at most).`;
}

/** A face's key in the per-image caches: its source landmarks. */
const faceKey = (source: Points) => source.map((p) => `${p[0].toFixed(2)},${p[1].toFixed(2)}`).join(';');

/** One face's head on one image: its region's bounds (the warp's crop holds them) and the filled background behind it. */
interface Head {
  bounds: PixelBox;
  background: HeadBackground;
}

export class WarpService {
  /** Downscaled copies per photo and size: a drag sends dozens of previews of one photo. */
  private readonly scaled = new WeakMap<RgbImage, Map<number, Promise<RgbImage>>>();
  /**
   * Each head's region and filled background, per image (size), parser clearance and source
   * landmarks: the slow part of a head warp (one parser run and one fill), the same for every
   * drag. Promises, so renders in flight together parse once.
   */
  private readonly heads = new WeakMap<RgbImage, Map<string, Promise<Head>>>();
  /** Per preview image and face (source landmarks): where the last preview's guard search stood, for the next drag event's (head-layer.ts HeadHint). */
  private readonly hints = new WeakMap<RgbImage, Map<string, HeadHint>>();

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
   * The head of the face `source` on `image`: from the face parser where it can run (built, and
   * cleared under "Only models cleared for commercial use"; parsed-head.ts), else the landmark
   * estimate. Whether the parser is cleared is part of the key: the setting can change between
   * two drags; whether it is built is asked only when a head is not cached yet.
   */
  private async head(image: RgbImage, source: Points): Promise<Head> {
    let byFace = this.heads.get(image);
    if (!byFace) this.heads.set(image, (byFace = new Map()));
    const cleared = await this.inference.cleared(PARSING_MODEL);
    const key = `${cleared ? 'parsed' : 'landmarks'}:${faceKey(source)}`;
    let head = byFace.get(key);
    if (!head) {
      head = (async () => {
        const region: HeadRegion = cleared && (await this.inference.hasModel(PARSING_MODEL)) ? await parseHead(this.inference, image, source) : landmarkHead(source);
        return { bounds: region.bounds(), background: headBackground(image, region) };
      })();
      byFace.set(key, head);
      head.catch(() => byFace.delete(key));
      if (byFace.size > MAX_CACHED_BACKGROUNDS) byFace.delete(byFace.keys().next().value as string);
    }
    return head;
  }

  /** The head layer at the scale `s` of `small` to the original (points in original px); `preview`: a live preview's quick guards (warpHeads). */
  private async layer(small: RgbImage, s: number, edits: readonly FaceEdit[], pinned: Points, preview = false): Promise<{ image: RgbImage; faces: HeadResult[] }> {
    const at = (p: Points) => (s === 1 ? p : resizePoints(p, s));
    const scaled = await Promise.all(
      edits.map(async (e) => {
        const source = at(e.source);
        const head = await this.head(small, source);
        return { edit: { source, target: at(e.target), bounds: head.bounds }, background: head.background };
      }),
    );
    const backgrounds = new Map<HeadEdit, HeadBackground>(scaled.map((h) => [h.edit, h.background]));
    let hints = this.hints.get(small);
    if (preview && !hints) this.hints.set(small, (hints = new Map()));
    const r = await warpHeads(this.inference, small, scaled.map((h) => h.edit), (e) => backgrounds.get(e)!, at(pinned), this.geometry, preview ? { hintOf: (e) => hints?.get(faceKey(e.source)) } : undefined);
    if (preview) {
      r.faces.forEach((f, i) => {
        const key = faceKey(scaled[i]!.edit.source);
        hints!.delete(key);
        if (f.hint) hints!.set(key, f.hint);
      });
      // A few faces per photo; corrected landmarks make new keys.
      while (hints!.size > MAX_CACHED_BACKGROUNDS) hints!.delete(hints!.keys().next().value as string);
    }
    return { image: r.image, faces: r.faces.map((f) => ({ ...f, target: s === 1 ? f.target : resizePoints(f.target, 1 / s) })) };
  }

  /**
   * Warps the head of the face `source` → `target` in `image` (downscaled first to `maxSide` when
   * given), and the heads of `others` (further edited faces) after it; the scene outside the
   * heads stays as it is, `pinned` points (faces not edited, see pins.ts) stay still. All points
   * in original image pixels; the result's target is the first face's. `preview`: a live
   * preview (a drag's events), whose guards may stop a little short of the full render's share
   * of a held-back edit (safeHeadMapping), never past what they allow.
   */
  async render(image: RgbImage, source: Points, target: Points, maxSide?: number, pinned: Points = [], others: readonly FaceEdit[] = [], preview = false): Promise<RenderResult> {
    const small = maxSide ? await this.fit(image, maxSide) : image;
    const r = await this.layer(small, small.width / image.width, [{ source, target }, ...others], pinned, preview);
    const held = r.faces.filter((f) => f.folded);
    const blend = Math.min(1, ...held.map((f) => f.blend));
    const f0 = r.faces[0]!;
    return {
      image: r.image,
      target: f0.target,
      targets: r.faces.map((f) => f.target),
      folded: held.length > 0,
      blend,
      ...(held.length ? { notice: foldNotice(held.flatMap((f) => f.scaledBack), blend) } : {}),
    };
  }

  /**
   * Cosine similarity between the recognition descriptors of the original face and the warped one
   * (1 = same identity direction). Both crops are the source face's — the same region of the
   * picture before and after — so the meter sees the reshaping, not a re-framing of the crop.
   */
  async identity(image: RgbImage, source: Points, target: Points, pinned: Points = []): Promise<{ similarity: number; target: Point[] }> {
    const small = await this.fit(image, IDENTITY_MAX_SIDE);
    const s = small.width / image.width;
    const src = s === 1 ? source : resizePoints(source, s);
    const warped = await this.layer(small, s, [{ source, target }], pinned);
    const [a, b] = await Promise.all([
      faceDescriptor(this.inference, small, src as Point[]),
      faceDescriptor(this.inference, warped.image, src as Point[]),
    ]);
    return { similarity: cosineSimilarity(a, b), target: warped.faces[0]!.target };
  }
}
