/**
 * CLI image outputs follow the extension the user typed: `-o x.webp` must not hold PNG bytes.
 * The format is settled before any work, so a wrong name fails at once.
 */
import path from 'node:path';
import { encodeJpeg, encodePng, encodeWebp, type RgbImage } from '../../services/images/decode.js';
import { UsageError } from './command.js';
import { creditModels } from '../../services/sheets/model-credits.js';

export type ImageFormat = 'png' | 'jpeg' | 'webp';

const BY_EXTENSION: Record<string, ImageFormat> = { '.png': 'png', '.jpg': 'jpeg', '.jpeg': 'jpeg', '.webp': 'webp' };

/** The format `out`'s extension names, limited to `allowed`; a UsageError otherwise. */
export function outputFormat(out: string, allowed: readonly ImageFormat[] = ['png', 'jpeg', 'webp']): ImageFormat {
  const f = BY_EXTENSION[path.extname(out).toLowerCase()];
  if (!f || !allowed.includes(f)) {
    const names = allowed.map((a) => (a === 'jpeg' ? '.jpg' : `.${a}`)).join(', ');
    throw new UsageError(`-o must name a ${names} file (got "${path.basename(out)}").`);
  }
  return f;
}

export function encodeAs(format: ImageFormat, img: RgbImage): Promise<Uint8Array> {
  return format === 'png' ? encodePng(img) : format === 'jpeg' ? encodeJpeg(img, 95) : encodeWebp(img);
}

/** encodeAs, a PNG also naming the models that made it (a Models text chunk, sheets/model-credits.ts). */
export async function encodeCredited(format: ImageFormat, img: RgbImage, modelsDir: string, models: readonly string[]): Promise<Uint8Array> {
  const bytes = await encodeAs(format, img);
  return format === 'png' ? creditModels(bytes, modelsDir, models) : bytes;
}
