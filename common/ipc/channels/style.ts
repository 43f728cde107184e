/**
 * Style channels: the gallery (list, thumbnails, user styles from artworks, rename, delete,
 * export, import) and rendering a photo in a style.
 */
import { z } from 'zod';
import { bytes, channel, id, landmarks68, num } from '../define.js';
import { EmbeddingJson, AttributionJson } from '../../style/schema.js';
import { STYLE_REGIONS } from '../../names.js';
import { faceRef, otherFaces } from './warp.js';

export const ParamSpecShape = z.object({ name: z.string(), min: z.number(), max: z.number(), default: z.number() });

export const StyleEntryShape = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['drawing', 'example', 'learned', 'user']),
  /** Drawing styles: parameter ranges, and the values this entry uses (APMM samples these). */
  params: z.array(ParamSpecShape).optional(),
  values: z.array(z.number()).optional(),
  source: AttributionJson.optional(),
  hasImage: z.boolean().optional(),
  /** marks = guided synthesis from the kept artwork; texture = colour and texture (AdaIN graph); drawing; learned. */
  engine: z.enum(['marks', 'texture', 'drawing', 'learned']),
});
export type StyleEntryShape = z.infer<typeof StyleEntryShape>;

const styleName = z.string().min(1).max(100);
const face = z.object({ landmarks: landmarks68 }).strict();

/** Which style and how (style:render, export:image): a gallery style (styleId) or an embedding. */
export const styleChoice = {
  styleId: id.optional(),
  embedding: EmbeddingJson.optional(),
  /** Drawing styles only: a parameter vector overriding the style's own (clamped to its ranges). */
  params: z.array(num()).max(64).optional(),
  strength: num().min(0).max(1),
  preserveColor: z.boolean(),
  region: z.enum(STYLE_REGIONS),
};
/** Artwork styles with a kept image: the engine and its patch size (style:render and export:image alike). */
export const engineChoice = {
  /** 'marks' (guided synthesis from the artwork's own strokes; the app's choice for kept images) or 'texture' (colour and texture; absent means this). */
  engine: z.enum(['marks', 'texture']).optional(),
  /** Marks: patch radius 1 (fine detail) .. 4 (broad strokes). */
  detail: z.number().int().min(1).max(4).optional(),
  /** Marks: the artwork's strokes' share 0..1 for a drawing, its square for a painting or a poster; the rest follows the sitter's lines exactly (absent: 0.7). */
  strokes: num().min(0).max(1).optional(),
};
const oneStyle = (r: { styleId?: string | undefined; embedding?: unknown }) => (r.styleId === undefined) !== (r.embedding === undefined);

export const styleChannels = {
  'style:list': channel({
    request: z.object({}).strict(),
    /** `skipped`: one sentence per shipped painting or user style file that could not be read. */
    response: z.object({ styles: z.array(StyleEntryShape), skipped: z.array(z.string()) }),
  }),
  /**
   * Renders an open photo in a gallery style (styleId) or a style embedding; returns a PNG. A job:
   * with the marks engine it reports progress and stops within 100 ms of jobs:cancel.
   */
  'style:render': channel({
    request: z
      .object({
        photoId: id,
        ...styleChoice,
        ...engineChoice,
        /** Marks: 'preview' for the live low-resolution preview, 'full' (default) for the final render. */
        quality: z.enum(['preview', 'full']).optional(),
        /** The face to use for face/organs/texture regions (image pixels). */
        face: face.optional(),
        maxSide: z.number().int().min(16).max(8192).optional(),
        /**
         * Style the caricature, not the photo: the face (index `face`; absent: the detected face
         * nearest `source`) is warped from `source` to `target` (image px) first, with the photo's
         * `others` edited faces; the faces no edit names stay where they are.
         */
        warp: z.object({ face: faceRef.face.optional(), source: landmarks68, target: landmarks68, others: otherFaces.optional() }).strict().optional(),
      })
      .strict()
      .refine(oneStyle, 'give either styleId or embedding'),
    response: z.object({ image: bytes(), format: z.literal('png'), width: z.number().int(), height: z.number().int() }),
    job: true,
  }),
  /** Job: every listed style (default: all) on the face crop at 256², JPEG, cached per photo and face. */
  'style:thumbnails': channel({
    request: z.object({ photoId: id, styleIds: z.array(id).max(128).optional(), face: face.optional() }).strict(),
    response: z.object({ thumbnails: z.array(z.object({ id: z.string(), image: bytes(), format: z.literal('jpeg') })) }),
    job: true,
  }),
  /** A user style from a dropped artwork; the artwork is stored only when keepImage is true. */
  'style:addArtwork': channel({
    request: z.object({ name: styleName, bytes: bytes(200 * 1024 * 1024), keepImage: z.boolean() }).strict(),
    response: StyleEntryShape,
  }),
  'style:rename': channel({
    request: z.object({ id, name: styleName }).strict(),
    response: StyleEntryShape,
  }),
  'style:delete': channel({
    request: z.object({ id }).strict(),
    response: z.object({ deleted: z.literal(true) }),
  }),
  'style:export': channel({
    request: z.object({ id }).strict(),
    response: z.object({ json: z.string() }),
  }),
  'style:import': channel({
    request: z.object({ json: z.string().max(2 * 1024 * 1024) }).strict(),
    response: StyleEntryShape,
  }),
};
