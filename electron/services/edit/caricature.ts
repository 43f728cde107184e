/**
 * A photo's caricature as the app shows and exports it: the face edits first (face-edit.ts),
 * then the drawing style on the result, keeping every face readable where it ended up — the
 * paper's order, geometry then style. style:render and export:image both render through here.
 */
import type { RgbImage } from '../images/decode.js';
import type { StyleService } from '../style/service.js';
import { embeddingFromJson } from '../style/embedding.js';
import type { StyleSource } from '../style/engine.js';
import type { FaceEditRequest, FaceEditResult, FaceEditService } from './face-edit.js';
import type { Parsing } from '../faces/parse.js';
import { resizePoints, type Point } from '../../../common/geometry.js';
import type { EmbeddingJson } from '../../../common/style/schema.js';
import type { StyleRegion } from '../../../common/names.js';

/** A gallery style (styleId, drawing styles' params) or an artwork's embedding, and how to apply it. */
export interface StyleChoice {
  styleId?: string | undefined;
  embedding?: EmbeddingJson | undefined;
  params?: number[] | undefined;
  strength: number;
  preserveColor: boolean;
  region: StyleRegion;
  /** Artwork styles: 'texture' (a request's default) or 'marks' (guided synthesis from the kept artwork). */
  engine?: 'marks' | 'texture' | undefined;
  /** Marks: patch radius 1..4 and the artwork's strokes' share 0..1. */
  detail?: number | undefined;
  strokes?: number | undefined;
  /** Marks: 'preview' (fewer passes) or 'full'. */
  quality?: 'preview' | 'full' | undefined;
}

export interface CaricatureRequest {
  edits: readonly FaceEditRequest[];
  style?: StyleChoice | undefined;
  /** The face a face/organs/texture style region follows when there is no edit (photo px). */
  face?: Point[] | undefined;
  /** Longest side of the result (the photo is never enlarged); a style without it renders at 2048. */
  maxSide?: number | undefined;
  /** The marks engine stops at a cancel and reports its progress (0..1). */
  signal?: AbortSignal | undefined;
  progress?: ((fraction: number) => void) | undefined;
}

export async function styleSource(style: StyleService, choice: StyleChoice): Promise<StyleSource> {
  if (choice.embedding) return { kind: 'example', embedding: embeddingFromJson(choice.embedding) };
  return style.gallery.resolve(choice.styleId!, choice.params);
}

/**
 * The edited image's parsing for a region-limited style (style/region-parsing.ts), or undefined
 * without a parser. The background is what none of the faces covers; the other regions are the
 * followed face's.
 */
function regionParsing(style: StyleService, photo: RgbImage, edited: FaceEditResult, edits: readonly FaceEditRequest[], landmarks: Point[] | undefined, region: StyleRegion): Promise<Parsing | undefined> {
  const faces = region === 'background' && edited.faces.length ? edited.faces : landmarks ? [landmarks] : [];
  return style.regions.parse(photo, JSON.stringify(edits), edited.image, faces);
}

export async function renderCaricature(services: { edit: FaceEditService; style: StyleService }, image: RgbImage, req: CaricatureRequest): Promise<RgbImage> {
  const edited = await services.edit.faceEdit(image, req.edits, { maxSide: req.maxSide });
  if (!req.style) return edited.image;
  const source = await styleSource(services.style, req.style);
  const face = edited.edits[0]?.target ?? req.face;
  const landmarks = face && resizePoints(face, edited.scale);
  const region = req.style.region;
  return services.style.render(edited.image, {
    source,
    strength: req.style.strength,
    preserveColor: req.style.preserveColor,
    region,
    landmarks,
    parsing: () => regionParsing(services.style, image, edited, req.edits, landmarks, region),
    faces: source.kind === 'example' ? edited.faces : undefined,
    // One parse per edit and face set, kept across the renders of that edit and shared with a
    // background region's (the same faces: regionParsing).
    faceParsing: () => services.style.regions.parse(image, JSON.stringify(req.edits), edited.image, edited.faces),
    maxSide: req.maxSide,
    engine: req.style.engine,
    detail: req.style.detail,
    strokes: req.style.strokes,
    quality: req.style.quality,
    signal: req.signal,
    progress: req.progress,
  });
}
