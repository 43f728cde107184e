/**
 * Warp channels: target landmarks from exaggeration or region sliders, the warped photo (preview
 * or full size, folds prevented) and the identity meter. Every request names an open photo and a
 * face (index into faces:detect, 0 = largest); `source` overrides the detected landmarks when the
 * artist has corrected them. All points are image pixels, iBUG-68 order.
 */
import { z } from 'zod';
import { bytes, channel, id, landmarks68, num } from '../define.js';
import { GainsJson, SlidersJson } from '../../presets/schema.js';

export const faceRef = {
  photoId: id,
  face: z.number().int().min(0).max(999),
  /** The face's landmarks as the artist corrected them; default: as detected. */
  source: landmarks68.optional(),
};

const targetOnly = z.object({ target: landmarks68 });

/** A further edited face of the photo, beside the one a request is about (its index, source, target). */
export const otherFace = z.object({ face: faceRef.face, source: landmarks68.optional(), target: landmarks68 }).strict();
export const otherFaces = z.array(otherFace).max(32);

export const warpChannels = {
  /**
   * The photo with the face's head warped so `source` lands on `target` (the scene outside the
   * head unchanged), downscaled to `maxSide` (live preview) or at full size; `others` are further
   * edited faces of the photo, warped the same way. Format defaults to JPEG for previews, PNG at
   * full size.
   */
  'warp:render': channel({
    request: z
      .object({
        ...faceRef,
        target: landmarks68,
        others: otherFaces.optional(),
        maxSide: z.number().int().min(16).max(16384).optional(),
        format: z.enum(['jpeg', 'png']).optional(),
      })
      .strict(),
    response: z.object({
      image: bytes(),
      format: z.enum(['jpeg', 'png']),
      width: z.number().int(),
      height: z.number().int(),
      /** True when the edit would have folded the image and was scaled back to `blend` of it. */
      folded: z.boolean(),
      blend: z.number(),
      notice: z.string().optional(),
      /** The target actually used (after fold prevention), original image pixels. */
      target: landmarks68,
    }),
  }),
  /** Cosine similarity of the recognition descriptors of the original and the warped face. */
  'warp:identity': channel({
    request: z.object({ ...faceRef, target: landmarks68 }).strict(),
    response: z.object({ similarity: z.number(), target: landmarks68 }),
  }),
  /** target = mean + k·gᵣ·(face − mean) in the canonical frame (per-region gains default to 1). */
  'warp:exaggerate': channel({
    request: z.object({ ...faceRef, k: num().min(0).max(5), gains: GainsJson.omit({ global: true }).optional() }).strict(),
    response: targetOnly,
  }),
  /** Region sliders (each −1…1) applied to `base` (default: the source), e.g. the current edit. */
  'warp:sliders': channel({
    request: z.object({ ...faceRef, base: landmarks68.optional(), sliders: SlidersJson }).strict(),
    response: targetOnly,
  }),
};
