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

export const ArtworksFile = z
  .object({
    format: z.literal('caricature-studio/style-artworks'),
    version: z.literal(1),
    styles: z.array(z.object({ id: z.string(), name: z.string(), embedding: EmbeddingJson }).strict()),
  })
  .strict();
export type ArtworksFile = z.infer<typeof ArtworksFile>;

export interface ShippedArtwork {
  id: string;
  name: string;
  embedding: StyleEmbedding;
}

/** The shipped artwork styles, or none when the file was not built (no data on that machine). */
export async function loadArtworks(modelsDir: string): Promise<ShippedArtwork[]> {
  let text: string;
  try {
    text = await fs.readFile(path.join(modelsDir, ARTWORKS_FILE), 'utf8');
  } catch {
    return [];
  }
  const file = ArtworksFile.parse(JSON.parse(text));
  return file.styles.map((s) => ({ id: s.id, name: s.name, embedding: embeddingFromJson(s.embedding) }));
}
