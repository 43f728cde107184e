/**
 * Image decoding at the edge of the app: every photo and artwork enters through here.
 * sharp (libvips) decodes JPEG/PNG/WebP/TIFF, applies EXIF orientation, converts to sRGB 8-bit
 * and refuses decompression bombs before allocating pixels.
 */
import sharp from 'sharp';
import { badInput, ServiceError } from '../../../common/errors.js';

/** An 8-bit sRGB image, interleaved RGB, rows top to bottom. */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** 100 megapixels: well above any camera an artist uses, far below what exhausts memory. */
export const MAX_INPUT_PIXELS = 100_000_000;
export const MAX_INPUT_BYTES = 200 * 1024 * 1024;
const FORMATS = new Set(['jpeg', 'png', 'webp', 'tiff', 'gif', 'heif', 'avif']);

export async function decodeImage(bytes: Uint8Array, label = 'The image'): Promise<RgbImage> {
  if (bytes.byteLength === 0) throw badInput(`${label} is empty (0 bytes).`);
  if (bytes.byteLength > MAX_INPUT_BYTES) throw badInput(`${label} is larger than 200 MB.`);
  let meta: sharp.Metadata;
  try {
    // Headers only, no pixel limit here: a header claiming 30000×30000 must reach the size check
    // below and get its own message instead of "not an image".
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw badInput(`${label} is not an image that can be read (JPEG, PNG, WebP or TIFF expected).`);
  }
  if (!meta.format || !FORMATS.has(meta.format)) {
    throw badInput(`${label} has an unsupported format${meta.format ? ` (${meta.format})` : ''}.`);
  }
  const w = meta.width ?? 0;
  const h = meta.height ?? 0;
  if (w * h > MAX_INPUT_PIXELS) {
    throw badInput(`${label} is too large (${w}×${h}); the limit is ${MAX_INPUT_PIXELS / 1e6} megapixels.`);
  }
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate() // EXIF orientation, so landmarks land on the upright face
      .toColourspace('srgb')
      .flatten({ background: '#ffffff' })
      .removeAlpha()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`unexpected ${info.channels} channels`);
    return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  } catch {
    // sharp's prebuilt libvips reads AVIF but not HEVC-coded HEIF (iPhone HEIC): not damage.
    if (meta.format === 'heif' && meta.compression !== 'av1') {
      throw new ServiceError('unsupported', `${label} is a HEIC photo, which this build cannot decode; export it as JPEG or PNG first.`);
    }
    throw badInput(`${label} is damaged or truncated and cannot be decoded.`);
  }
}

/** Encodes RGB pixels as lossless WebP (a CLI output named *.webp). */
export async function encodeWebp(img: RgbImage): Promise<Uint8Array> {
  const buf = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
    .webp({ lossless: true })
    .toBuffer();
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** Encodes RGB pixels as PNG (lossless; used for saved files and tests). */
export async function encodePng(img: RgbImage): Promise<Uint8Array> {
  const buf = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
    .png({ compressionLevel: 6 })
    .toBuffer();
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** Encodes RGB pixels as JPEG (previews sent to the renderer). */
export async function encodeJpeg(img: RgbImage, quality = 90): Promise<Uint8Array> {
  const buf = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
    .jpeg({ quality, chromaSubsampling: '4:4:4' })
    .toBuffer();
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** The size fitWithin gives: the longer side at most maxSide, never enlarged. */
export function fittedSize(width: number, height: number, maxSide: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return scale === 1 ? { width, height } : { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Resizes so the longer side is at most maxSide (never enlarges). */
export async function fitWithin(img: RgbImage, maxSide: number): Promise<RgbImage> {
  const { width, height } = fittedSize(img.width, img.height, maxSide);
  return resizeTo(img, width, height);
}

/** `img` resampled (Lanczos) to exactly width × height; the same image when it is that size. */
export async function resizeTo(img: RgbImage, width: number, height: number): Promise<RgbImage> {
  if (width === img.width && height === img.height) return img;
  const buf = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
    .resize(width, height, { kernel: 'lanczos3' })
    .raw()
    .toBuffer();
  return { width, height, data: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) };
}

/** A square region (image pixels) cut out and resized to `size`×`size` (face crops for thumbnails and cells). */
export async function cropSquare(img: RgbImage, c: { left: number; top: number; side: number }, size: number): Promise<RgbImage> {
  const buf = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
    .extract({ left: c.left, top: c.top, width: c.side, height: c.side })
    .resize(size, size, { kernel: 'lanczos3' })
    .raw()
    .toBuffer();
  return { width: size, height: size, data: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) };
}
