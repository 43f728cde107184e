/**
 * The example-based styles shipped with the app: embeddings (numbers only, never the images)
 * computed by build/recipes/style/recipe.ts from the public-domain paintings in
 * ../shared/data/styles, stored in native-models/style-artworks.json with their attribution.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { EmbeddingJson, embeddingFromJson, type StyleEmbedding } from './embedding.js';

export const ARTWORKS_FILE = 'style-artworks.json';

const ArtworkEntry = z.object({ id: z.string(), name: z.string(), embedding: EmbeddingJson }).strict();

export const ArtworksFile = z
  .object({
    format: z.literal('caricature-studio/style-artworks'),
    version: z.literal(1),
    styles: z.array(ArtworkEntry),
  })
  .strict();
export type ArtworksFile = z.infer<typeof ArtworksFile>;

export interface ShippedArtwork {
  id: string;
  name: string;
  embedding: StyleEmbedding;
}

/**
 * The shipped artwork styles, none when the file was not built (no data on that machine). Each
 * painting is read on its own: a damaged one is skipped with a sentence in `skipped`, and a
 * damaged file costs the paintings only, never the drawing styles listed beside them.
 */
export async function loadArtworks(modelsDir: string): Promise<{ artworks: ShippedArtwork[]; skipped: string[] }> {
  let text: string;
  try {
    text = await fs.readFile(path.join(modelsDir, ARTWORKS_FILE), 'utf8');
  } catch {
    return { artworks: [], skipped: [] };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { artworks: [], skipped: [`${ARTWORKS_FILE} is damaged (not valid JSON); the shipped paintings are not available.`] };
  }
  const head = ArtworksFile.omit({ styles: true }).extend({ styles: z.array(z.unknown()) }).safeParse(raw);
  if (!head.success) return { artworks: [], skipped: [`${ARTWORKS_FILE} is not a style-artworks file; the shipped paintings are not available.`] };
  const artworks: ShippedArtwork[] = [];
  const skipped: string[] = [];
  for (const [i, entry] of head.data.styles.entries()) {
    const parsed = ArtworkEntry.safeParse(entry);
    try {
      if (!parsed.success) throw new Error('invalid');
      artworks.push({ id: parsed.data.id, name: parsed.data.name, embedding: embeddingFromJson(parsed.data.embedding) });
    } catch {
      const id = (entry as { id?: unknown } | null)?.id;
      skipped.push(`Painting ${typeof id === 'string' ? `"${id.slice(0, 60)}"` : `#${i + 1}`} in ${ARTWORKS_FILE} is damaged and was skipped.`);
    }
  }
  return { artworks, skipped };
}
