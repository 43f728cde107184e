/**
 * Renders an image in a style: a built-in drawing style (its graph and parameter vector) or an
 * example-based style (the style-example graph fed with an artwork's embedding).
 */
import * as ort from 'onnxruntime-node';
import type { RgbImage } from '../images/decode.js';
import type { InferenceService } from '../inference/service.js';
import { badInput } from '../../../common/errors.js';
import { clampParams, type DrawingStyle } from '../../../common/style/catalog.js';
import { embeddingFeeds, type StyleEmbedding } from './embedding.js';
import { fromTensor, maskTensor, scalarTensor, toTensor } from './tensor.js';
import { renderCartoon, type CARTOON_MODEL } from './cartoon.js';

export type StyleSource =
  | { kind: 'drawing'; style: DrawingStyle; params?: readonly number[] }
  /** `artwork`: the artwork image, when kept (user styles): the marks engine can render from it (marks.ts). */
  | { kind: 'example'; embedding: StyleEmbedding; artwork?: () => Promise<RgbImage> }
  /** A learned image-to-image network with its own pre/post-processing (style/cartoon.ts). */
  | { kind: 'learned'; model: typeof CARTOON_MODEL };

export interface RenderControls {
  /** 0 = the input unchanged, 1 = the full style. */
  strength: number;
  /** Luminance-only transfer: keep the photo's own colours. */
  preserveColor: boolean;
  /** Per-pixel weight 0..1 (width × height), e.g. a face or organ mask; absent = whole image. */
  mask?: Float32Array | undefined;
  /**
   * Example-based styles: where the faces are (faceWeight(), width × height, 0..1), kept readable
   * there; absent = no face (zeros). Drawing styles ignore it.
   */
  faces?: Float32Array | undefined;
}

/** Below this the pyramid and the patch swap have nothing to work with. */
export const MIN_SIDE = 16;

export async function renderStyle(inference: InferenceService, image: RgbImage, source: StyleSource, controls: RenderControls): Promise<RgbImage> {
  if (Math.min(image.width, image.height) < MIN_SIDE) throw badInput(`The image is too small to style (at least ${MIN_SIDE}×${MIN_SIDE} pixels).`);
  const strength = Math.min(1, Math.max(0, controls.strength));
  if (source.kind === 'learned') return renderCartoon(inference, image, { strength, preserveColor: controls.preserveColor, mask: controls.mask });
  const common = {
    image: toTensor(image),
    strength: scalarTensor(strength),
    preserve_color: scalarTensor(controls.preserveColor ? 1 : 0),
    mask: maskTensor(image.width, image.height, controls.mask),
  };
  let out: ort.InferenceSession.ReturnType;
  if (source.kind === 'drawing') {
    const params = clampParams(source.style, source.params);
    out = await inference.run(source.style.model, { ...common, params: new ort.Tensor('float32', params, [params.length]) });
  } else {
    const structure = maskTensor(image.width, image.height, controls.faces ?? new Float32Array(image.width * image.height));
    out = await inference.run('style-example', { ...common, structure, ...embeddingFeeds(source.embedding) });
  }
  return fromTensor(out.styled!);
}
