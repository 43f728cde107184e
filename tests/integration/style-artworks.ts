/**
 * Artworks for the example-based style tests: two drawn here (no downloads) and, when
 * ../shared/data/styles is present, public-domain paintings from it.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { decodeImage, type RgbImage } from '../../electron/services/images/decode.js';

/** A hatching texture (dense on the left, cross-hatched in the darker half) and a four-colour poster. */
export function generatedArtworks(): Array<[string, RgbImage]> {
  const w = 256;
  const hatch = new Uint8Array(w * w * 3).fill(240);
  const poster = new Uint8Array(w * w * 3);
  const inks = [[20, 30, 90], [220, 40, 60], [250, 200, 40], [240, 240, 220]];
  for (let y = 0; y < w; y++) {
    for (let x = 0; x < w; x++) {
      const tone = x / w;
      const line1 = (x + y) % 6 < 2;
      const line2 = (x - y + 600) % 6 < 2 && tone < 0.5;
      if ((line1 && tone < 0.8) || line2) hatch.fill(25, 3 * (y * w + x), 3 * (y * w + x) + 3);
      const band = Math.min(3, Math.floor((Math.sin(x / 19) + Math.cos(y / 23) + 2) * 1.0));
      poster.set(inks[band]!, 3 * (y * w + x));
    }
  }
  return [['hatching', { width: w, height: w, data: hatch }], ['poster', { width: w, height: w, data: poster }]];
}

export const PAINTINGS_DIR = path.resolve('../shared/data/styles');

/** The named paintings (file stems in PAINTINGS_DIR; all of them when none are named), or [] when the data is absent. */
export async function paintings(names?: readonly string[]): Promise<Array<[string, RgbImage]>> {
  let stems: string[];
  try {
    stems = names ? [...names] : (await fs.readdir(PAINTINGS_DIR)).filter((f) => f.endsWith('.jpg')).map((f) => f.slice(0, -4)).sort();
  } catch {
    return [];
  }
  try {
    return await Promise.all(stems.map(async (n): Promise<[string, RgbImage]> => [n, await decodeImage(await fs.readFile(path.join(PAINTINGS_DIR, `${n}.jpg`)))]));
  } catch {
    return [];
  }
}
