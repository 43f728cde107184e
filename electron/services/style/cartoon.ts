/**
 * The learned cartoon style: the White-box Cartoonization generator (CVPR 2020, CC BY-NC-SA 4.0,
 * hence hidden under "Only models cleared for commercial use") converted to ONNX.
 *
 * Its own pre/post-processing, as its authors run it: the photo is brought to at most 720 px on
 * its longer side with both sides multiples of 8 (the generator downsamples twice and its guided
 * filter assumes the sizes match), scaled to −1..1, and the cartoon is resized back to the
 * photo's size. Strength, preserve-colour and the region mask are then applied here, since the
 * converted graph is the source network and nothing else.
 */
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import type { RgbImage } from '../images/decode.js';
import type { InferenceService } from '../inference/service.js';

export const CARTOON_MODEL = 'style-cartoon';
export const CARTOON_FILE = 'style-cartoon.onnx';
export const CARTOON_STYLE = { id: 'cartoon', name: 'Cartoon (learned)' } as const;

/** The authors' inference size limit: the generator's strokes are tuned to faces at this scale. */
export const CARTOON_MAX_SIDE = 720;
const MULTIPLE = 8;

/** The processing size: within CARTOON_MAX_SIDE, both sides multiples of 8 (at least 8). */
export function cartoonSize(width: number, height: number, maxSide = CARTOON_MAX_SIDE): { width: number; height: number } {
  const k = Math.min(1, maxSide / Math.max(width, height));
  const snap = (v: number) => Math.max(MULTIPLE, Math.round((v * k) / MULTIPLE) * MULTIPLE);
  return { width: snap(width), height: snap(height) };
}

async function resize(img: RgbImage, width: number, height: number): Promise<RgbImage> {
  if (img.width === width && img.height === height) return img;
  const buf = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
    .resize(width, height, { fit: 'fill', kernel: 'lanczos3' })
    .raw()
    .toBuffer();
  return { width, height, data: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) };
}

/** The generator's raw cartoon of the image at the processing size. */
export async function cartoonize(inference: InferenceService, image: RgbImage): Promise<RgbImage> {
  const size = cartoonSize(image.width, image.height);
  const input = await resize(image, size.width, size.height);
  const x = new Float32Array(input.data.length);
  for (let i = 0; i < x.length; i++) x[i] = input.data[i]! / 127.5 - 1;
  const out = await inference.run(CARTOON_MODEL, { image: new ort.Tensor('float32', x, [1, size.height, size.width, 3]) });
  const y = out.cartoon!.data as Float32Array;
  // Uint8ClampedArray clamps and rounds: the generator overshoots −1..1 a little.
  const rgb = new Uint8ClampedArray(y.length);
  for (let i = 0; i < y.length; i++) rgb[i] = (y[i]! + 1) * 127.5;
  return { width: size.width, height: size.height, data: new Uint8Array(rgb.buffer) };
}

const luma = (r: number, g: number, b: number) => 0.299 * r + 0.587 * g + 0.114 * b;

/**
 * photo + strength·mask·(styled − photo); with preserveColor the styled luminance is put under
 * the photo's own chroma (styled Y, photo's RGB − its Y), as the other styles' graphs do.
 */
export function blendStyled(photo: RgbImage, styled: RgbImage, strength: number, preserveColor: boolean, mask?: Float32Array): RgbImage {
  const n = photo.width * photo.height;
  const out = new Uint8ClampedArray(3 * n);
  const p = photo.data;
  const s = styled.data;
  for (let i = 0; i < n; i++) {
    const w = strength * (mask ? mask[i]! : 1);
    const j = 3 * i;
    let r = s[j]!;
    let g = s[j + 1]!;
    let b = s[j + 2]!;
    if (preserveColor) {
      const dy = luma(r, g, b) - luma(p[j]!, p[j + 1]!, p[j + 2]!);
      r = p[j]! + dy;
      g = p[j + 1]! + dy;
      b = p[j + 2]! + dy;
    }
    out[j] = p[j]! + w * (r - p[j]!);
    out[j + 1] = p[j + 1]! + w * (g - p[j + 1]!);
    out[j + 2] = p[j + 2]! + w * (b - p[j + 2]!);
  }
  return { width: photo.width, height: photo.height, data: new Uint8Array(out.buffer) };
}

export async function renderCartoon(
  inference: InferenceService,
  image: RgbImage,
  controls: { strength: number; preserveColor: boolean; mask?: Float32Array | undefined },
): Promise<RgbImage> {
  const styled = await resize(await cartoonize(inference, image), image.width, image.height);
  return blendStyled(image, styled, controls.strength, controls.preserveColor, controls.mask);
}
