/**
 * Recipe for every style model: the eight drawing-style graphs, the example-based transfer graph
 * and its analysis graph (all analytic, no weights), and the artwork embeddings computed from
 * ../shared/data/styles when that data is present. See README.md in this folder.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODELS_DIR, writeModel } from '../manifest.js';
import { writeFileAtomic } from '../../../electron/services/settings/atomic.js';
import { decodeImage } from '../../../electron/services/images/decode.js';
import { InferenceService } from '../../../electron/services/inference/service.js';
import { embedArtwork, embeddingToJson } from '../../../electron/services/style/embedding.js';
import { ARTWORKS_FILE, type ArtworksFile } from '../../../electron/services/style/artworks.js';
import { buildDrawingGraph, drawingStyles } from './drawing.js';
import { buildEmbedGraph, buildExampleGraph } from './example.js';
import { EXAMPLE_LEVELS, EXAMPLE_PARAMS, EXAMPLE_PATCH } from '../../../common/style/catalog.js';

const RECIPE = 'build/recipes/style/recipe.ts';
const io = (names: Array<[string, string, Array<number | string>]>) => names.map(([name, type, shape]) => ({ name, type, shape }));

export async function buildDrawingModels(): Promise<void> {
  for (const style of drawingStyles()) {
    await writeModel({
      name: style.model,
      file: `${style.model}.onnx`,
      description: `${style.name} drawing style; params = [${style.params.map((q) => q.name).join(', ')}]`,
      inputs: io([
        ['image', 'float32', [1, 3, 'H', 'W']],
        ['params', 'float32', [style.params.length]],
        ['strength', 'float32', [1]],
        ['preserve_color', 'float32', [1]],
        ['mask', 'float32', [1, 1, 'H', 'W']],
      ]),
      outputs: io([['styled', 'float32', [1, 3, 'H', 'W']]]),
      licence: 'MIT',
      commercialUse: true,
      provenance: { recipe: RECIPE, source: 'analytic graph (no weights); procedural textures from seeded mulberry32', licence: 'MIT' },
      data: buildDrawingGraph(style),
    });
  }
}

export async function buildExampleModels(): Promise<void> {
  const provenance = { recipe: RECIPE, source: 'analytic graph (no weights): Laplacian pyramid, AdaIN (paper Eq. 5), nearest-patch style swap', licence: 'MIT' };
  const L = EXAMPLE_LEVELS;
  await writeModel({
    name: 'style-embed',
    file: 'style-embed.onnx',
    description: 'Artwork analysis: Laplacian-pyramid band statistics (B0..B2, G3 × mean, std × RGB) and Gaussian levels 0..3 for patch sampling',
    inputs: io([['image', 'float32', [1, 3, 'H', 'W']]]),
    outputs: io([['stats', 'float32', [L + 1, 2, 3]], ...Array.from({ length: L + 1 }, (_, i) => [`g${i}`, 'float32', [1, 3, `H${i}`, `W${i}`]] as [string, string, Array<number | string>])]),
    licence: 'MIT',
    commercialUse: true,
    provenance,
    data: buildEmbedGraph(),
  });
  await writeModel({
    name: 'style-example',
    file: 'style-example.onnx',
    description: `Example-based style transfer; params = [${EXAMPLE_PARAMS.map((q) => q.name).join(', ')}]`,
    inputs: io([
      ['image', 'float32', [1, 3, 'H', 'W']],
      ['style_stats', 'float32', [L + 1, 2, 3]],
      ...Array.from({ length: L + 1 }, (_, i) => [`bank${i}`, 'float32', [`N${i}`, 3, EXAMPLE_PATCH, EXAMPLE_PATCH]] as [string, string, Array<number | string>]),
      ['params', 'float32', [EXAMPLE_PARAMS.length]],
      ['strength', 'float32', [1]],
      ['preserve_color', 'float32', [1]],
      ['mask', 'float32', [1, 1, 'H', 'W']],
      ['structure', 'float32', [1, 1, 'H', 'W']],
    ]),
    outputs: io([['styled', 'float32', [1, 3, 'H', 'W']]]),
    licence: 'MIT',
    commercialUse: true,
    provenance,
    data: buildExampleGraph(),
  });
}

export const STYLES_DATA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/data/styles');

/** Public-domain paintings in ../shared/data/styles (see its README): file, title, artist. */
const PAINTINGS: Array<[string, string, string]> = [
  ['wave', 'The Great Wave off Kanagawa', 'Katsushika Hokusai'],
  ['the_scream', 'The Scream', 'Edvard Munch'],
  ['the_shipwreck_of_the_minotaur', 'The Shipwreck of the Minotaur', 'J. M. W. Turner'],
  ['en_campo_gris', 'En campo gris (1914)', 'Wassily Kandinsky'],
  ['mondrian', 'Composition', 'Piet Mondrian'],
  ['contrast_of_forms', 'Contrast of Forms (1913)', 'Fernand Léger'],
  ['scene_de_rue', 'Street Scene (1913)', 'Ernst Ludwig Kirchner'],
  ['woman_with_hat_matisse', 'Woman with a Hat (1905)', 'Henri Matisse'],
  ['woman_in_peasant_dress', 'Woman in Peasant Dress', 'Kazimir Malevich'],
  ['udnie', 'Udnie (1913)', 'Francis Picabia'],
];

/** Embeddings of the paintings (numbers and attribution only); skipped when the data is absent. */
export async function buildArtworkEmbeddings(dataDir = STYLES_DATA): Promise<void> {
  try {
    await fs.access(dataDir);
  } catch {
    console.log(`style: ${dataDir} not found; keeping the committed ${ARTWORKS_FILE}.`);
    return;
  }
  const inference = new InferenceService({ modelsDir: MODELS_DIR });
  const styles: ArtworksFile['styles'] = [];
  for (const [file, title, artist] of PAINTINGS) {
    const image = await decodeImage(await fs.readFile(path.join(dataDir, `${file}.jpg`)), title);
    const embedding = await embedArtwork(inference, image, { title, artist, licence: 'public domain' });
    styles.push({ id: `art:${file.replace(/_/g, '-')}`, name: `${title} — ${artist}`, embedding: embeddingToJson(embedding) });
  }
  await inference.dispose();
  const doc: ArtworksFile = { format: 'caricature-studio/style-artworks', version: 1, styles };
  await writeFileAtomic(path.join(MODELS_DIR, ARTWORKS_FILE), `${JSON.stringify(doc)}\n`);
}

export async function buildStyleModels(): Promise<void> {
  await buildDrawingModels();
  await buildExampleModels();
  await buildArtworkEmbeddings();
}

if (import.meta.url === `file://${process.argv[1]}`) await buildStyleModels();
