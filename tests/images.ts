/** Photos as the services take them, for benches and tests: an RgbImage of the asked size, cover-cropped, EXIF orientation applied. */
import sharp from 'sharp';
import type { RgbImage } from '../electron/services/images/decode.js';

export async function coverRgb(file: string, width: number, height = width): Promise<RgbImage> {
  const buf = await sharp(file).rotate().resize(width, height, { fit: 'cover' }).removeAlpha().raw().toBuffer();
  return { width, height, data: new Uint8Array(buf) };
}
