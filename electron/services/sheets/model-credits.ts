/**
 * Names the models that made an exported PNG in its text chunks ("Models"): each model's name and
 * licence from the manifest, flagged where it is not cleared for commercial use, so whoever
 * receives the file can tell what it may be used for.
 */
import { readManifest } from '../inference/manifest.js';
import { addTextChunks } from './png-text.js';

export const MODELS_KEYWORD = 'Models';

/** "name (licence)" per model, "; "-separated; non-commercial ones say so. */
export async function modelCredits(modelsDir: string, names: readonly string[]): Promise<string> {
  const entries = (await readManifest(modelsDir)).models;
  return [...new Set(names)]
    .sort()
    .map((n) => {
      const e = entries.find((m) => m.name === n);
      if (!e) return n;
      return `${n} (${e.licence}${e.commercialUse ? '' : '; not cleared for commercial use'})`;
    })
    .join('; ');
}

/** The PNG with a Software and a Models text chunk (no chunk when no model was used). */
export async function creditModels(png: Uint8Array, modelsDir: string, names: readonly string[]): Promise<Uint8Array> {
  const chunks: Record<string, string> = { Software: 'Caricature Studio' };
  if (names.length) chunks[MODELS_KEYWORD] = await modelCredits(modelsDir, names);
  return addTextChunks(png, chunks);
}
